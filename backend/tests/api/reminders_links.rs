//! Sign-in links: single use, expiry, hash-only storage, module links; password reset.

use attest::auth::session::token_hash;
use attest::on_db;
use attest_domain::api::{Accepted, LinkSignIn};
use chrono::Duration;

use crate::helpers::{TestApp, PASSWORD};
use crate::on_both_databases;
use crate::remind::{sweep_and_send, version_id, Mail, SCHOOL, STAFF};

async fn ask_for(app: &TestApp, path: &str, email: &str) -> (u16, Accepted) {
    let res = app
        .new_client()
        .post(app.url(path))
        .json(&serde_json::json!({ "email": email }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn use_link(app: &TestApp, client: &reqwest::Client, token: &str) -> reqwest::Response {
    client
        .post(app.url(&format!("/api/links/{token}")))
        .send()
        .await
        .unwrap()
}

async fn a_sign_in_link_works_once_then_is_refused(app: TestApp) {
    let mail = Mail::start(&app);
    let known = ask_for(&app, "/api/sign-in-links", STAFF).await;
    let unknown = ask_for(&app, "/api/sign-in-links", "nobody@nowhere.example").await;
    assert_eq!(known.0, 202);
    assert_eq!(
        known, unknown,
        "the answer does not reveal which emails exist"
    );
    mail.send(&app.db, &app.clock).await;
    let mails = mail.capture.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, [STAFF]);
    let token = mails[0].token();

    let stored: Vec<(String,)> = on_db!(app.db, |e| sqlx::query_as(
        "SELECT token_hash FROM sign_in_links"
    )
    .fetch_all(e)
    .await)
    .unwrap();
    assert_eq!(stored, [(token_hash(&token),)], "only the hash is stored");

    let browser = app.new_client();
    let first = use_link(&app, &browser, &token).await;
    assert_eq!(first.status(), 200);
    let signed_in: LinkSignIn = first.json().await.unwrap();
    assert_eq!(
        (signed_in.next.as_str(), signed_in.me.email.as_str()),
        ("/training", STAFF)
    );
    let me = browser.get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(me.status(), 200, "the link started a session");

    let again = use_link(&app, &app.new_client(), &token).await;
    assert_eq!(again.status(), 401);
    assert!(again.text().await.unwrap().contains("already been used"));
}
on_both_databases!(a_sign_in_link_works_once_then_is_refused);

async fn a_sign_in_link_is_refused_after_it_expires(app: TestApp) {
    let mail = Mail::start(&app);
    ask_for(&app, "/api/sign-in-links", STAFF).await;
    mail.send(&app.db, &app.clock).await;
    let token = mail.capture.mails()[0].token();
    app.clock
        .advance(Duration::hours(24) + Duration::minutes(1));
    let late = use_link(&app, &app.new_client(), &token).await;
    assert_eq!(late.status(), 401);
    assert!(
        use_link(&app, &app.new_client(), "not-a-token")
            .await
            .status()
            == 401
    );
}
on_both_databases!(a_sign_in_link_is_refused_after_it_expires);

async fn a_reminder_link_opens_the_module_after_sign_in(app: TestApp) {
    let mail = Mail::start(&app);
    sweep_and_send(&app, &mail).await;
    let token = mail.capture.mails_to(STAFF)[0].token();
    let browser = app.new_client();
    let signed_in: LinkSignIn = use_link(&app, &browser, &token).await.json().await.unwrap();
    let version = version_id(&app.db, SCHOOL).await;
    assert_eq!(signed_in.next, format!("/modules/{version}"));
    let module = browser
        .get(app.url(&signed_in.next.replace("/modules", "/api/modules")))
        .send()
        .await
        .unwrap();
    assert_eq!(module.status(), 200);
}
on_both_databases!(a_reminder_link_opens_the_module_after_sign_in);

async fn a_password_reset_link_sets_a_new_password_once(app: TestApp) {
    let mail = Mail::start(&app);
    assert_eq!(ask_for(&app, "/api/password-resets", STAFF).await.0, 202);
    mail.send(&app.db, &app.clock).await;
    let reset = &mail.capture.mails()[0];
    assert!(
        reset.link().contains("/reset-password/"),
        "{}",
        reset.link()
    );
    let token = reset.token();
    let set = |password: &'static str| {
        let client = app.new_client();
        let url = app.url(&format!("/api/password-resets/{token}"));
        async move {
            client
                .post(url)
                .json(&serde_json::json!({ "password": password }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        set("short").await,
        422,
        "too short: refused, and the link still works"
    );
    assert_eq!(set("a-new-password-1").await, 204);
    assert_eq!(set("another-password-2").await, 401, "used once");
    // A reset link cannot sign anyone in directly.
    assert_eq!(
        use_link(&app, &app.new_client(), &token).await.status(),
        401
    );

    let sign_in = |password: &'static str| {
        let client = app.new_client();
        let url = app.url("/api/session");
        async move {
            client
                .post(url)
                .json(&serde_json::json!({ "email": STAFF, "password": password }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(sign_in(PASSWORD).await, 401);
    assert_eq!(sign_in("a-new-password-1").await, 200);
}
on_both_databases!(a_password_reset_link_sets_a_new_password_once);
