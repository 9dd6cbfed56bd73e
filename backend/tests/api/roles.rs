//! Giving and taking away managing roles from the app: never above one's own, never outside
//! one's places, recorded, and a new manager invited to sign in.

use attest_domain::api::{AuditEntry, RoleGranted};
use serde_json::json;

use crate::helpers::TestApp;
use crate::manage::support::{
    client_for, get_json, manager, person_id, school_id, staff, trust_id, CAMELEY, CHAD, TRUST,
};
use crate::on_both_databases;
use attest::on_db;

async fn post(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    body: serde_json::Value,
) -> (u16, String) {
    let res = client.post(app.url(path)).json(&body).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The roles a person holds: their memberships' roles and their trust roles.
async fn roles_of(app: &TestApp, email: &str) -> Vec<String> {
    let id = person_id(app, email).await;
    let rows: Vec<(String,)> = on_db!(app.db, |e| sqlx::query_as(
        "SELECT role FROM memberships WHERE person_id = $1 \
         UNION ALL SELECT role FROM trust_roles WHERE person_id = $1 ORDER BY 1",
    )
    .bind(id)
    .fetch_all(e)
    .await)
    .unwrap();
    rows.into_iter().map(|(r,)| r).collect()
}

async fn a_school_manager_makes_a_colleague_a_manager_and_takes_it_back(app: TestApp) {
    let head = client_for(&app, &manager(CHAD)).await;
    let chad = school_id(&app, CHAD).await;
    let change = json!({ "email": staff(CHAD), "role": "school_manager", "school_id": chad });

    let (status, body) = post(&head, &app, "/api/roles", change.clone()).await;
    assert_eq!(status, 200, "{body}");
    let granted: RoleGranted = serde_json::from_str(&body).unwrap();
    assert_eq!(granted.person_id, person_id(&app, &staff(CHAD)).await);
    assert_eq!(granted.message, "They can sign in as they already do.");
    let colleague = client_for(&app, &staff(CHAD)).await;
    assert_eq!(
        colleague
            .get(app.url("/api/manage"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    let (status, _) = post(&head, &app, "/api/roles/revoke", change.clone()).await;
    assert_eq!(status, 204);
    assert_eq!(
        colleague
            .get(app.url("/api/manage"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(roles_of(&app, &staff(CHAD)).await, vec!["staff"]);
    let (status, _) = post(&head, &app, "/api/roles/revoke", change).await;
    assert_eq!(status, 404, "not held any more");

    let granted: Vec<AuditEntry> = get_json(
        &app,
        &head,
        &format!("/api/schools/{chad}/audit?action=role_granted"),
    )
    .await;
    let revoked: Vec<AuditEntry> = get_json(
        &app,
        &head,
        &format!("/api/schools/{chad}/audit?action=role_revoked"),
    )
    .await;
    assert_eq!((granted.len(), revoked.len()), (1, 1));
    assert_eq!(granted[0].detail, "school manager");
}
on_both_databases!(a_school_manager_makes_a_colleague_a_manager_and_takes_it_back);

async fn nobody_grants_above_their_own_role_or_outside_their_places(app: TestApp) {
    let head = client_for(&app, &manager(CHAD)).await;
    let (chad, cameley, trust) = (
        school_id(&app, CHAD).await,
        school_id(&app, CAMELEY).await,
        trust_id(&app).await,
    );
    let before = roles_of(&app, &staff(CHAD)).await;
    for (body, want) in [
        (
            json!({ "email": staff(CHAD), "role": "trust_manager", "trust_id": trust }),
            403,
        ),
        (
            json!({ "email": staff(CHAD), "role": "admin", "school_id": chad }),
            403,
        ),
        (
            json!({ "email": staff(CHAD), "role": "school_manager", "school_id": cameley }),
            404,
        ),
        (
            json!({ "email": staff(CHAD), "role": "staff", "school_id": chad }),
            422,
        ),
        (
            json!({ "email": staff(CHAD), "role": "school_manager", "trust_id": trust }),
            422,
        ),
        (
            json!({ "email": "new@chad-vale-primary.example", "role": "school_manager", "school_id": chad }),
            422,
        ),
        (
            json!({ "email": "not an address", "name": "Nobody", "role": "school_manager", "school_id": chad }),
            422,
        ),
    ] {
        let (status, text) = post(&head, &app, "/api/roles", body.clone()).await;
        assert_eq!(status, want, "{body}: {text}");
    }
    assert_eq!(roles_of(&app, &staff(CHAD)).await, before);

    // Nor take away a role above their own.
    let (status, _) = post(
        &head,
        &app,
        "/api/roles/revoke",
        json!({ "email": TRUST, "role": "trust_manager", "trust_id": trust }),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(roles_of(&app, TRUST).await, vec!["trust_manager"]);
    // Staff manage nothing, so give nothing.
    let colleague = client_for(&app, &staff(CHAD)).await;
    let (status, _) = post(
        &colleague,
        &app,
        "/api/roles",
        json!({ "email": staff(CHAD), "role": "school_manager", "school_id": chad }),
    )
    .await;
    assert_eq!(status, 403);
}
on_both_databases!(nobody_grants_above_their_own_role_or_outside_their_places);

async fn a_new_manager_is_invited_by_email_or_through_the_directory(app: TestApp) {
    let central = client_for(&app, TRUST).await;
    let (chad, trust) = (school_id(&app, CHAD).await, trust_id(&app).await);
    let email = "new.head@chad-vale-primary.example";
    let (status, body) = post(
        &central,
        &app,
        "/api/roles",
        json!({ "email": email, "name": "New Head", "role": "school_manager", "school_id": chad }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("emailed them a link"), "{body}");
    let id = person_id(&app, email).await;
    let (links,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM reminders WHERE person_id = $1 AND stage = 'password_reset'",
    )
    .bind(&id)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(links, 1);

    // Where the trust signs in through its directory, no password is asked for.
    let res = central
        .put(app.url(&format!("/api/trusts/{trust}/directory")))
        .json(&json!({
            "issuer": "https://login.example.com/t/v2.0", "client_id": "attest", "client_secret": "s",
            "email_domains": ["cameley-primary.example"], "directory_only": false,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (status, body) = post(
        &central,
        &app,
        "/api/roles",
        json!({ "email": "deputy@cameley-primary.example", "name": "Deputy", "role": "trust_manager", "trust_id": trust }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("school account"), "{body}");
    assert_eq!(
        roles_of(&app, "deputy@cameley-primary.example").await,
        vec!["trust_manager"]
    );
    let log: Vec<AuditEntry> = get_json(
        &app,
        &central,
        &format!("/api/trusts/{trust}/audit?action=role_granted"),
    )
    .await;
    assert_eq!(log.len(), 2, "the trust's log shows its schools' lines too");
}
on_both_databases!(a_new_manager_is_invited_by_email_or_through_the_directory);

async fn nobody_demotes_someone_above_them(app: TestApp) {
    let central = client_for(&app, TRUST).await;
    let (chad, trust) = (school_id(&app, CHAD).await, trust_id(&app).await);
    // A member of staff at Cameley who also administers the trust.
    let boss = staff(CAMELEY);
    on_db!(app.db, |e| sqlx::query(
        "INSERT INTO trust_roles (person_id, trust_id, role) VALUES ($1, $2, 'admin')"
    )
    .bind(person_id(&app, &boss).await)
    .bind(&trust)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let before = roles_of(&app, &boss).await;
    // Either would overwrite the administrator's role with a lesser one.
    for body in [
        json!({ "email": boss, "role": "trust_manager", "trust_id": trust }),
        json!({ "email": boss, "role": "school_manager", "school_id": chad }),
    ] {
        let (status, text) = post(&central, &app, "/api/roles", body.clone()).await;
        assert_eq!(status, 403, "{body}: {text}");
    }
    assert_eq!(roles_of(&app, &boss).await, before);
}
on_both_databases!(nobody_demotes_someone_above_them);
