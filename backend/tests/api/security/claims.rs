//! An account is shared by schools: no school's manager may claim or change anything of a
//! person beyond their membership at that school.

use attest_domain::api::{Invitation, RowAction};

use crate::helpers::TestApp;
use crate::manage::support::{
    client_for, get_json, manager, person_id, school_id, staff, CAMELEY, CHAD, TRUST,
};
use crate::on_both_databases;
use crate::remind::Mail;
use crate::security::{identity, import, memberships, person};
use attest::on_db;

/// A teacher who works at another school of the trust is asked to confirm; once they do, they
/// are a member of both, with their own name and email untouched.
async fn a_colleague_from_another_school_confirms_a_pending_link(app: TestApp) {
    let mail = Mail::start(&app);
    let teacher = person_id(&app, &staff(CAMELEY)).await;
    let before = identity(&app, &teacher).await;
    let chad = school_id(&app, CHAD).await;
    let office = client_for(&app, &manager(CHAD)).await;
    let file = format!(
        "name,email,groups,start date\nRenamed By Chad,{},support,01/09/2026\n",
        staff(CAMELEY)
    );
    let report = import(&app, &office, &chad, file).await;
    assert!(report.applied);
    assert_eq!(report.rows[0].action, RowAction::Invite);
    assert_eq!(report.invited, 1);
    assert_eq!(
        identity(&app, &teacher).await,
        before,
        "the import renames nobody it does not own"
    );
    assert_eq!(
        memberships(&app, &teacher).await,
        vec![(CAMELEY.to_string(), 1)]
    );
    mail.send(&app.db, &app.clock).await;
    let asked = mail.capture.mails_to(&staff(CAMELEY));
    assert_eq!(asked.len(), 1, "they are told a school asks them");
    assert!(
        asked[0].subject.contains("would like to add you"),
        "{}",
        asked[0].subject
    );
    assert!(
        !asked[0].text.contains("/link/"),
        "another school's request signs nobody in"
    );

    let them = client_for(&app, &staff(CAMELEY)).await;
    let mine: Vec<Invitation> = get_json(&app, &them, "/api/me/invitations").await;
    assert_eq!(mine.len(), 1);
    assert!(mine[0].school_name.contains("Chad Vale"), "{:?}", mine[0]);
    // Nobody else can accept it for them.
    let other = client_for(&app, &staff(CHAD)).await;
    let stolen = other
        .post(app.url(&format!("/api/me/invitations/{}", mine[0].id)))
        .send()
        .await
        .unwrap();
    assert_eq!(stolen.status(), 404);
    let accepted = them
        .post(app.url(&format!("/api/me/invitations/{}", mine[0].id)))
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 204);
    assert_eq!(
        memberships(&app, &teacher).await,
        vec![(CAMELEY.to_string(), 1), (CHAD.to_string(), 1)]
    );
    assert_eq!(identity(&app, &teacher).await, before);
    let groups: Vec<(String,)> = on_db!(app.db, |e| sqlx::query_as(
        "SELECT group_name FROM person_groups WHERE person_id = $1 AND school_id = $2",
    )
    .bind(&teacher)
    .bind(&chad)
    .fetch_all(e)
    .await)
    .unwrap();
    assert_eq!(
        groups,
        vec![("support".to_string(),)],
        "the groups Chad Vale chose"
    );
}
on_both_databases!(a_colleague_from_another_school_confirms_a_pending_link);

/// A person at two schools: each school's manager may change their membership there, but
/// only someone who manages every one of their schools may change their name or email.
async fn only_a_manager_of_every_membership_edits_a_shared_identity(app: TestApp) {
    let teacher = person_id(&app, &staff(CAMELEY)).await;
    let chad = school_id(&app, CHAD).await;
    on_db!(app.db, |e| sqlx::query("INSERT INTO memberships (person_id, school_id, role, start_date) VALUES ($1, $2, 'staff', '2026-01-01')")
        .bind(&teacher)
        .bind(&chad)
        .execute(e).await.rows_affected())
        .unwrap();
    let before = identity(&app, &teacher).await;
    let office = client_for(&app, &manager(CHAD)).await;
    let put = |body: serde_json::Value| {
        let office = office.clone();
        let url = app.url(&format!("/api/people/{teacher}"));
        async move { office.put(url).json(&body).send().await.unwrap() }
    };
    let mut body = person(&before.0, &before.1);
    body["school_id"] = chad.clone().into();
    body["groups"] = serde_json::json!(["support"]);
    assert_eq!(
        put(body.clone()).await.status(),
        200,
        "their membership is Chad Vale's to edit"
    );
    body["name"] = "Someone Else".into();
    assert_eq!(put(body.clone()).await.status(), 403, "their name is not");
    body["name"] = before.0.clone().into();
    body["email"] = "elsewhere@outside.example".into();
    assert_eq!(put(body.clone()).await.status(), 403, "nor their email");
    assert_eq!(identity(&app, &teacher).await, before);

    let trust = client_for(&app, TRUST).await;
    body["email"] = "new.address@cameley-primary.example".into();
    let res = trust
        .put(app.url(&format!("/api/people/{teacher}")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "the trust manages both schools");
    assert_eq!(
        identity(&app, &teacher).await.1,
        "new.address@cameley-primary.example"
    );
}
on_both_databases!(only_a_manager_of_every_membership_edits_a_shared_identity);

/// A second school manager at the same school: neither may change the other's identity.
async fn a_manager_cannot_edit_someone_with_an_equal_managing_role(app: TestApp) {
    let chad = school_id(&app, CHAD).await;
    let colleague = person_id(&app, &staff(CHAD)).await;
    on_db!(app.db, |e| sqlx::query(
        "UPDATE memberships SET role = 'school_manager' WHERE person_id = $1"
    )
    .bind(&colleague)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let before = identity(&app, &colleague).await;
    let office = client_for(&app, &manager(CHAD)).await;
    let mut body = person("Renamed", &before.1);
    body["school_id"] = chad.into();
    let res = office
        .put(app.url(&format!("/api/people/{colleague}")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(identity(&app, &colleague).await, before);
}
on_both_databases!(a_manager_cannot_edit_someone_with_an_equal_managing_role);
