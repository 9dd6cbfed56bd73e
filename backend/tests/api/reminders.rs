//! The reminder sweep: the right people get the right mails at each stage.

use attest::on_db;
use attest::publish::{publish_new_version, PublishOptions};
use attest::reminders::sweep::sweep;
use chrono::{Duration, TimeZone, Utc};

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::remind::{
    add_person, attest_directly, day, set_day, stages_of, sweep_and_send, version_id, Mail,
    MANAGER, SCHOOL, STAFF,
};

async fn each_stage_reaches_the_right_people_once(app: TestApp) {
    let mail = Mail::start(&app);
    add_person(
        &app.db,
        SCHOOL,
        "kitchen@x.example",
        "staff",
        "kitchen",
        day("2026-08-01"),
    )
    .await;
    let leaver = add_person(
        &app.db,
        SCHOOL,
        "leaver@x.example",
        "staff",
        "teaching",
        day("2026-08-01"),
    )
    .await;
    on_db!(app.db, |e| sqlx::query(
        "UPDATE people SET active = 0 WHERE id = $1"
    )
    .bind(&leaver)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let veteran = add_person(
        &app.db,
        SCHOOL,
        "veteran@x.example",
        "staff",
        "teaching",
        day("2025-01-01"),
    )
    .await;
    attest_directly(
        &app.db,
        SCHOOL,
        &veteran,
        Utc.with_ymd_and_hms(2025, 10, 1, 10, 0, 0).unwrap(),
    )
    .await;

    // 2026-09-01: everyone assigned today is due on the 15th; the veteran's year runs out on 1 October.
    let (swept, sent) = sweep_and_send(&app, &mail).await;
    assert_eq!((swept.written.len(), sent.sent), (11, 11));
    let first = &mail.capture.mails_to(STAFF)[0];
    assert_eq!(first.content_type, "multipart/alternative");
    assert!(
        first
            .subject
            .starts_with("Chad Vale Primary School: please complete"),
        "{}",
        first.subject
    );
    assert!(
        first.text.contains("by Tuesday 15 September 2026"),
        "{}",
        first.text
    );
    assert!(first.link().starts_with(&format!("{}/link/", app.base)));
    assert!(first.html.contains("<a href=\""), "{}", first.html);
    let veteran_mail = &mail.capture.mails_to("veteran@x.example")[0];
    assert!(
        veteran_mail
            .subject
            .contains("is due by Thursday 1 October 2026"),
        "{}",
        veteran_mail.subject
    );
    assert!(mail.capture.mails_to("kitchen@x.example").is_empty());
    assert!(mail.capture.mails_to("leaver@x.example").is_empty());

    for date in [
        "2026-09-08",
        "2026-09-14",
        "2026-09-16",
        "2026-09-16",
        "2026-09-22",
        "2026-09-23",
    ] {
        set_day(&app, date);
        sweep_and_send(&app, &mail).await;
    }
    assert_eq!(
        stages_of(&app.db, STAFF).await,
        ["new_starter", "due_7", "due_1", "overdue", "overdue"]
    );
    let staff_mails = mail.capture.mails_to(STAFF);
    assert_eq!(staff_mails.len(), 5);
    assert!(
        staff_mails[3].subject.ends_with("is overdue"),
        "{}",
        staff_mails[3].subject
    );
    // Eight days before the veteran's deadline: still only the 30-day notice.
    assert_eq!(stages_of(&app.db, "veteran@x.example").await, ["due_30"]);
}
on_both_databases!(each_stage_reaches_the_right_people_once);

async fn rerunning_the_sweep_sends_nothing_new(app: TestApp) {
    let mail = Mail::start(&app);
    let (first, sent) = sweep_and_send(&app, &mail).await;
    assert_eq!((first.written.len(), sent.sent), (10, 10));

    let (again, sent_again) = sweep_and_send(&app, &mail).await;
    assert_eq!(again.due, 10);
    assert!(again.written.is_empty());
    assert_eq!(sent_again.sent, 0);

    // A restarted server (a new connection pool on the same database) adds nothing either.
    let restarted = attest::db::Db::connect(&app.db_url).await.unwrap();
    let after_restart = sweep(&restarted, app.clock.now(), 14, false).await.unwrap();
    assert!(after_restart.written.is_empty());
    assert_eq!(mail.capture.mails().len(), 10);
}
on_both_databases!(rerunning_the_sweep_sends_nothing_new);

async fn escalation_sends_one_digest_per_manager(app: TestApp) {
    let mail = Mail::start(&app);
    add_person(
        &app.db,
        SCHOOL,
        "deputy@x.example",
        "school_manager",
        "office",
        day("2026-08-01"),
    )
    .await;
    sweep_and_send(&app, &mail).await;
    set_day(&app, "2026-09-28"); // 13 days overdue: not yet
    sweep_and_send(&app, &mail).await;
    let digests = |to: &str| {
        mail.capture
            .mails_to(to)
            .into_iter()
            .filter(|m| m.subject.contains("overdue on their policies"))
            .collect::<Vec<_>>()
    };
    assert!(digests(MANAGER).is_empty());

    set_day(&app, "2026-09-29"); // 14 days overdue
    let (swept, _) = sweep_and_send(&app, &mail).await;
    let written = swept
        .written
        .iter()
        .filter(|r| r.stage.as_str() == "escalation")
        .count();
    assert_eq!(written, 6, "five schools' managers plus the deputy");
    for manager in [MANAGER, "deputy@x.example"] {
        let got = digests(manager);
        assert_eq!(got.len(), 1, "{manager}");
        assert!(
            got[0].subject.contains("2 people overdue"),
            "{}",
            got[0].subject
        );
        assert!(got[0].text.contains("Alex Taylor") && got[0].text.contains("Jordan Lee"));
    }
    assert!(digests(STAFF).is_empty());
    sweep_and_send(&app, &mail).await;
    assert_eq!(digests(MANAGER).len(), 1, "one digest a week");
    // Mail a manager did not ask for links to the page behind sign-in, never past it.
    let to_manager = mail.capture.mails_to(MANAGER);
    assert!(!to_manager.is_empty());
    for sent in to_manager {
        assert!(!sent.text.contains("/link/"), "{}", sent.text);
        assert!(
            sent.text.contains("Sign in with your password"),
            "{}",
            sent.text
        );
    }
    let manager_id = crate::remind::person_id(&app.db, MANAGER).await;
    let (links,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM sign_in_links WHERE person_id = $1"
    )
    .bind(&manager_id)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(links, 0, "no live sign-in link was minted for a manager");
}
on_both_databases!(escalation_sends_one_digest_per_manager);

async fn managers_are_reminded_60_and_30_days_before_a_policy_review(app: TestApp) {
    let mail = Mail::start(&app);
    on_db!(app.db, |e| sqlx::query(
        "UPDATE policy_versions SET next_review = '2026-10-31' WHERE id = $1"
    )
    .bind(version_id(&app.db, SCHOOL).await)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    sweep_and_send(&app, &mail).await;
    set_day(&app, "2026-10-01");
    sweep_and_send(&app, &mail).await;
    let reviews: Vec<String> = mail
        .capture
        .mails()
        .into_iter()
        .filter(|m| m.subject.contains("due for review"))
        .map(|m| m.to[0].clone())
        .collect();
    assert_eq!(reviews, [MANAGER, MANAGER]);
    let stages = stages_of(&app.db, MANAGER).await;
    assert!(stages.contains(&"review_60".to_string()) && stages.contains(&"review_30".to_string()));
}
on_both_databases!(managers_are_reminded_60_and_30_days_before_a_policy_review);

async fn a_new_version_requiring_reattestation_reminds_those_who_signed(app: TestApp) {
    let mail = Mail::start(&app);
    let veteran = add_person(
        &app.db,
        SCHOOL,
        "veteran@x.example",
        "staff",
        "teaching",
        day("2025-01-01"),
    )
    .await;
    attest_directly(
        &app.db,
        SCHOOL,
        &veteran,
        app.clock.now() - Duration::days(10),
    )
    .await;
    sweep_and_send(&app, &mail).await;
    assert!(
        mail.capture.mails_to("veteran@x.example").is_empty(),
        "attested: nothing due"
    );

    let (policy_id, text): (String, String) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT policy_id, source_text FROM policy_versions WHERE id = $1"
    )
    .bind(version_id(&app.db, SCHOOL).await)
    .fetch_one(e)
    .await)
    .unwrap();
    let options = PublishOptions {
        label: "v2".into(),
        requires_reattestation: true,
        ..PublishOptions::default()
    };
    let mut tx = app.db.pool.begin().await.unwrap();
    publish_new_version(
        &mut tx,
        &policy_id,
        "v2.txt",
        &text,
        &options,
        app.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    app.clock.advance(Duration::hours(1));
    sweep_and_send(&app, &mail).await;
    let got = mail.capture.mails_to("veteran@x.example");
    assert_eq!(got.len(), 1);
    assert!(
        got[0].subject.contains("a new version of"),
        "{}",
        got[0].subject
    );
    assert!(got[0].text.contains("(v2)"), "{}", got[0].text);
}
on_both_databases!(a_new_version_requiring_reattestation_reminds_those_who_signed);
