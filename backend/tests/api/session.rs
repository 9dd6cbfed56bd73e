//! Sign-in, sign-out, sessions and "My training".

use attest_domain::api::{Me, ModuleSummary, Status};
use chrono::Duration;

use crate::helpers::{TestApp, PASSWORD};
use crate::on_both_databases;
use attest::on_db;

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

async fn try_sign_in(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> (u16, String) {
    let res = client
        .post(app.url("/api/session"))
        .json(&serde_json::json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn five_failures_for_an_email_pause_it_whether_or_not_it_exists(app: TestApp) {
    let client = app.new_client();
    for email in [STAFF, "ghost@nowhere.example"] {
        for _ in 0..5 {
            assert_eq!(try_sign_in(&app, &client, email, "guess").await.0, 401);
        }
        let (status, body) = try_sign_in(&app, &client, email, PASSWORD).await;
        assert_eq!(status, 429, "{body}");
        assert!(body.contains("Try again in 15 minutes"), "{body}");
    }
    app.clock.advance(Duration::minutes(16));
    app.sign_in(&client, STAFF).await;
}
on_both_databases!(five_failures_for_an_email_pause_it_whether_or_not_it_exists);

async fn one_address_trying_many_emails_is_paused(app: TestApp) {
    let client = app.new_client();
    for i in 0..30 {
        let email = format!("guess{i}@nowhere.example");
        assert_eq!(try_sign_in(&app, &client, &email, "guess").await.0, 401);
    }
    let (status, body) = try_sign_in(&app, &client, STAFF, PASSWORD).await;
    assert_eq!(status, 429, "{body}");
}
on_both_databases!(one_address_trying_many_emails_is_paused);

async fn a_locked_account_gets_the_same_answer_as_a_wrong_password(app: TestApp) {
    on_db!(app.db, |e| sqlx::query(
        "UPDATE people SET locked_until = '2999-01-01T00:00:00Z' WHERE email = $1"
    )
    .bind(STAFF)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let client = app.new_client();
    let locked = try_sign_in(&app, &client, STAFF, PASSWORD).await;
    let wrong = try_sign_in(&app, &client, "manager@chad-vale-primary.example", "nope").await;
    assert_eq!(locked, wrong);
    assert_eq!(locked.0, 401);
}
on_both_databases!(a_locked_account_gets_the_same_answer_as_a_wrong_password);

async fn signing_in_again_rotates_the_session(app: TestApp) {
    app.sign_in(&app.client, STAFF).await;
    let cookie_of = |res: &reqwest::Response| {
        res.headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").to_string())
    };
    let thief = app.new_client();
    let first = thief
        .post(app.url("/api/session"))
        .json(&serde_json::json!({ "email": STAFF, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let first_cookie = cookie_of(&first).unwrap();
    let second = thief
        .post(app.url("/api/session"))
        .json(&serde_json::json!({ "email": STAFF, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_ne!(first_cookie, cookie_of(&second).unwrap());
    // The replaced session no longer works.
    let old = reqwest::Client::new()
        .get(app.url("/api/me"))
        .header("cookie", first_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 401);
}
on_both_databases!(signing_in_again_rotates_the_session);

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
