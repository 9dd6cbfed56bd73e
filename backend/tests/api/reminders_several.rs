//! Reminders about several policies: one mail per person listing them, each policy
//! mailed again only at a new stage.

use attest::db::ids::time_text;
use attest::on_db;
use attest::publish::{publish_new_policy, PublishOptions};
use attest::reminders::outbox::school_log;

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::remind::{
    attest_directly, person_id, school_id, set_day, stages_of, sweep_and_send, version_id, Mail,
    SCHOOL, STAFF,
};

/// Publishes a second policy at `SCHOOL` (another school's text), assigned to every demo group.
async fn publish_second_policy(app: &TestApp) -> String {
    let (text,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT source_text FROM policy_versions WHERE id = $1"
    )
    .bind(version_id(&app.db, "cameley-primary").await)
    .fetch_one(e)
    .await)
    .unwrap();
    let school = school_id(&app.db, SCHOOL).await;
    let options = PublishOptions {
        title: Some("Acceptable Use".into()),
        ..PublishOptions::default()
    };
    let mut tx = app.db.pool.begin().await.unwrap();
    let published = publish_new_policy(
        &mut tx,
        &school,
        "aup.txt",
        &text,
        &options,
        app.clock.now(),
    )
    .await
    .unwrap();
    for group in attest::seed::DEMO_GROUPS {
        on_db!(tx, |e| sqlx::query(
            "INSERT INTO assignments (policy_id, group_name, new_starter_days, created_at) \
             VALUES ($1, $2, 14, $3)",
        )
        .bind(&published.policy_id)
        .bind(group)
        .bind(time_text(app.clock.now()))
        .execute(e)
        .await
        .rows_affected())
        .unwrap();
    }
    tx.commit().await.unwrap();
    published.version_id
}

/// Where the newest sign-in link mailed to `email` opens.
async fn link_target(app: &TestApp, email: &str) -> String {
    let (target,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT l.target FROM sign_in_links l JOIN people p ON p.id = l.person_id \
         WHERE p.email = $1 ORDER BY l.created_at DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(e)
    .await)
    .unwrap();
    target
}

async fn several_due_policies_make_one_reminder_listing_them(app: TestApp) {
    let mail = Mail::start(&app);
    let second = publish_second_policy(&app).await;

    // Two policies, both new: one mail listing both, which opens My training.
    let (swept, _) = sweep_and_send(&app, &mail).await;
    assert_eq!(
        swept.written.len(),
        10,
        "one reminder per person, not per policy"
    );
    let got = mail.capture.mails_to(STAFF);
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].subject,
        "Chad Vale Primary School: 2 policies to complete"
    );
    assert!(
        got[0]
            .text
            .contains("Acceptable Use (v1), due by Tuesday 15 September 2026"),
        "{}",
        got[0].text
    );
    assert!(got[0].text.contains("Social Media"), "{}", got[0].text);
    assert_eq!(link_target(&app, STAFF).await, "/training");
    let log = school_log(&app.db, &school_id(&app.db, SCHOOL).await)
        .await
        .unwrap();
    let listed = log.iter().find(|e| e.email == STAFF).unwrap();
    let about = listed.policy_title.clone().unwrap_or_default();
    assert!(
        about.contains("Acceptable Use") && about.contains("Social Media"),
        "{about}"
    );
    assert_eq!(listed.stage, "new_starter");

    // Rerun the same day: nothing new.
    let (again, _) = sweep_and_send(&app, &mail).await;
    assert!(again.written.is_empty());

    // A week before the deadline both move on together: one mail again.
    set_day(&app, "2026-09-08");
    sweep_and_send(&app, &mail).await;
    assert_eq!(stages_of(&app.db, STAFF).await, ["new_starter", "due_7"]);
    assert_eq!(mail.capture.mails_to(STAFF).len(), 2);

    // Signing the first policy leaves the second at the stage already mailed: no mail.
    let staff = person_id(&app.db, STAFF).await;
    attest_directly(&app.db, SCHOOL, &staff, app.clock.now()).await;
    let (signed, _) = sweep_and_send(&app, &mail).await;
    let (version,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT version_id FROM attestations WHERE person_id = $1"
    )
    .bind(&staff)
    .fetch_one(e)
    .await)
    .unwrap();
    let left = if version == second {
        version_id_of_other(&app, &second).await
    } else {
        second.clone()
    };
    assert!(
        signed.written.iter().all(|r| r.person_id != staff),
        "{:?}",
        signed.written
    );

    // The day before the deadline: the one left, in the one-policy mail that opens its module.
    set_day(&app, "2026-09-14");
    sweep_and_send(&app, &mail).await;
    assert_eq!(
        stages_of(&app.db, STAFF).await,
        ["new_starter", "due_7", "due_1"]
    );
    let last = mail.capture.mails_to(STAFF).pop().unwrap();
    assert!(
        last.subject.contains("is due by Tuesday 15 September 2026"),
        "{}",
        last.subject
    );
    assert_eq!(link_target(&app, STAFF).await, format!("/modules/{left}"));
}
on_both_databases!(several_due_policies_make_one_reminder_listing_them);

/// The school's policy version that is not `version`.
async fn version_id_of_other(app: &TestApp, version: &str) -> String {
    let (id,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT v.id FROM policy_versions v JOIN policies p ON p.id = v.policy_id \
         JOIN schools s ON s.id = p.school_id WHERE s.slug = $1 AND v.id <> $2",
    )
    .bind(SCHOOL)
    .bind(version)
    .fetch_one(e)
    .await)
    .unwrap();
    id
}
