//! Sign-in, sign-out, sessions and "My training".

use attest_domain::api::{Me, ModuleSummary, Status};
use chrono::Duration;

use crate::helpers::{TestApp, PASSWORD};
use crate::on_both_databases;

const STAFF: &str = "staff@chad-vale-primary.example";

async fn signing_in_lists_the_staff_members_modules(app: TestApp) {
    app.sign_in(&app.client, STAFF).await;

    let me: Me = app
        .client
        .get(app.url("/api/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me.email, STAFF);
    assert_eq!(me.memberships.len(), 1);
    assert_eq!(me.memberships[0].school_name, "Chad Vale Primary School");

    let modules: Vec<ModuleSummary> = app
        .client
        .get(app.url("/api/me/modules"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(modules.len(), 1);
    assert_eq!(modules[0].status, Status::NotStarted);
    assert!(
        modules[0].title.contains("Social Media"),
        "{}",
        modules[0].title
    );
    assert!(modules[0].lessons_total > 0);
}
on_both_databases!(signing_in_lists_the_staff_members_modules);

async fn wrong_password_and_unknown_email_get_the_same_answer(app: TestApp) {
    let attempt = |email: &'static str, password: &'static str| {
        let client = app.new_client();
        let url = app.url("/api/session");
        async move {
            let res = client
                .post(url)
                .json(&serde_json::json!({ "email": email, "password": password }))
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let wrong = attempt(STAFF, "not-the-password").await;
    let unknown = attempt("nobody@nowhere.example", PASSWORD).await;
    assert_eq!(wrong.0, 401);
    assert_eq!(wrong, unknown);
    assert!(wrong.1.contains("do not match"), "{}", wrong.1);
}
on_both_databases!(wrong_password_and_unknown_email_get_the_same_answer);

async fn signed_out_and_expired_sessions_are_refused(app: TestApp) {
    let anonymous = app
        .new_client()
        .get(app.url("/api/me/modules"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    app.sign_in(&app.client, STAFF).await;
    app.clock.advance(Duration::hours(13));
    let expired = app.client.get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(expired.status(), 401);

    app.sign_in(&app.client, STAFF).await;
    let out = app
        .client
        .delete(app.url("/api/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    let after = app.client.get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(after.status(), 401);
}
on_both_databases!(signed_out_and_expired_sessions_are_refused);

async fn ten_wrong_passwords_lock_the_account(app: TestApp) {
    let client = app.new_client();
    for _ in 0..10 {
        let res = client
            .post(app.url("/api/session"))
            .json(&serde_json::json!({ "email": STAFF, "password": "guess" }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
    let locked = client
        .post(app.url("/api/session"))
        .json(&serde_json::json!({ "email": STAFF, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        locked.status(),
        401,
        "the right password is refused while locked"
    );
    app.clock.advance(Duration::minutes(16));
    app.sign_in(&client, STAFF).await;
}
on_both_databases!(ten_wrong_passwords_lock_the_account);

async fn state_changes_without_the_app_header_are_refused(app: TestApp) {
    let bare = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = bare
        .post(app.url("/api/session"))
        .json(&serde_json::json!({ "email": STAFF, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("did not come from the Attest app"));
    // Reading needs no header.
    let health = bare.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
}
on_both_databases!(state_changes_without_the_app_header_are_refused);
