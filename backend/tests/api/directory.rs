//! Signing in through a school's own directory, against a real OpenID provider
//! (`tests/oidc/provider.mjs`): who is signed in, and every answer that must not sign anyone in.

use attest_domain::api::{AuditEntry, DirectorySettings, Me};
use serde_json::{json, Value};

use crate::helpers::{TestApp, PASSWORD};
use crate::manage::support::{client_for, get_json, manager, school_id, staff, CAMELEY, CHAD};
use crate::oidc_provider::{OidcProvider, CLIENT_ID, CLIENT_SECRET};
use crate::on_both_databases;

/// Where the directory sends browsers back: the app's configured public address (the test
/// app's default), not the port it happens to listen on.
const CALLBACK: &str = "http://127.0.0.1:8080/api/directory/callback";

/// The directory's accounts.
fn accounts() -> Value {
    json!({
        "head": { "email": manager(CHAD), "email_verified": true, "name": "Head" },
        "unverified": { "email": staff(CHAD), "email_verified": false },
        "outsider": { "email": "someone@elsewhere.example", "email_verified": true },
        "stranger": { "email": "nobody@chad-vale-primary.example", "email_verified": true },
    })
}

/// Chad Vale's directory settings, pointing at the test provider.
fn settings(provider: &OidcProvider, directory_only: bool) -> Value {
    json!({
        "issuer": provider.issuer, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
        "email_domains": ["Chad-Vale-Primary.example"], "directory_only": directory_only,
    })
}

/// A browser: a cookie jar, no automatic redirects (each hop is looked at).
fn new_browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn configure(
    app: &TestApp,
    provider: &OidcProvider,
    directory_only: bool,
) -> reqwest::Client {
    let head = client_for(app, &manager(CHAD)).await;
    let school = school_id(app, CHAD).await;
    let res = head
        .put(app.url(&format!("/api/schools/{school}/directory")))
        .json(&settings(provider, directory_only))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    head
}

fn location(res: &reqwest::Response) -> String {
    assert_eq!(res.status(), 303);
    res.headers()["location"].to_str().unwrap().to_string()
}

/// Starts at the app with `email`, visits the directory, and returns the callback's query.
async fn to_directory_and_back(
    app: &TestApp,
    provider: &OidcProvider,
    browser: &reqwest::Client,
    email: &str,
) -> String {
    let res = browser
        .get(app.url("/api/directory/start"))
        .query(&[("email", email)])
        .send()
        .await
        .unwrap();
    let to = location(&res);
    assert!(to.starts_with(&provider.issuer), "{to}");
    assert!(
        to.contains("code_challenge_method=S256") && to.contains("nonce="),
        "{to}"
    );
    let back = provider.visit(&to).await;
    let query = back
        .strip_prefix(&format!("{CALLBACK}?"))
        .unwrap_or_else(|| panic!("{back}"));
    query.to_string()
}

/// Brings the directory's answer to the app; where the app then sends the browser.
async fn answer(app: &TestApp, browser: &reqwest::Client, query: &str) -> String {
    let res = browser
        .get(app.url(&format!("/api/directory/callback?{query}")))
        .send()
        .await
        .unwrap();
    location(&res)
}

async fn sign_in_through(
    app: &TestApp,
    provider: &OidcProvider,
    browser: &reqwest::Client,
    email: &str,
) -> String {
    let query = to_directory_and_back(app, provider, browser, email).await;
    answer(app, browser, &query).await
}

async fn only_a_verified_member_of_the_school_is_signed_in_and_only_once(app: TestApp) {
    let provider = OidcProvider::start(CALLBACK, accounts());
    let head = configure(&app, &provider, false).await;

    let browser = new_browser();
    let query = to_directory_and_back(&app, &provider, &browser, &manager(CHAD)).await;
    assert_eq!(answer(&app, &browser, &query).await, "/");
    let me: Me = browser
        .get(app.url("/api/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me.email, manager(CHAD));

    // The same answer again (its code and nonce replayed) signs nobody in.
    let again = new_browser();
    let res = again
        .get(app.url(&format!("/api/directory/callback?{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/signin?directory=expired");
    assert_eq!(
        answer(&app, &browser, &query).await,
        "/signin?directory=expired"
    );

    // An answer brought by another browser than the one that set off is refused, and the
    // sign-in stays the first browser's.
    let first = new_browser();
    let query = to_directory_and_back(&app, &provider, &first, &manager(CHAD)).await;
    assert_eq!(
        answer(&app, &again, &query).await,
        "/signin?directory=expired"
    );
    assert_eq!(answer(&app, &first, &query).await, "/");

    for (email, account, refusal) in [
        (staff(CHAD), None, "unverified"),
        (manager(CHAD), Some("outsider"), "domain"),
        (
            "nobody@chad-vale-primary.example".to_string(),
            None,
            "unknown",
        ),
    ] {
        if let Some(sub) = account {
            provider.next_account(sub).await;
        }
        let b = new_browser();
        let to = sign_in_through(&app, &provider, &b, &email).await;
        assert_eq!(to, format!("/signin?directory={refusal}"), "{email}");
        assert_eq!(
            b.get(app.url("/api/me")).send().await.unwrap().status(),
            401
        );
    }

    // A domain no school signs in with goes no further than the app.
    let res = new_browser()
        .get(app.url("/api/directory/start?email=someone%40elsewhere.example"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/signin?directory=not_offered");

    // The school's log records the settings, without the secret.
    let school = school_id(&app, CHAD).await;
    let log: Vec<AuditEntry> = get_json(
        &app,
        &head,
        &format!("/api/schools/{school}/audit?action=directory_changed"),
    )
    .await;
    assert_eq!(log.len(), 1);
    assert!(
        log[0].detail.contains("chad-vale-primary.example"),
        "{}",
        log[0].detail
    );
    assert!(!log[0].detail.contains(CLIENT_SECRET));
}
on_both_databases!(only_a_verified_member_of_the_school_is_signed_in_and_only_once);

async fn forged_or_stale_id_tokens_are_refused(app: TestApp) {
    let provider = OidcProvider::start(CALLBACK, accounts());
    configure(&app, &provider, false).await;
    let long_ago = 1_600_000_000;
    for claims in [
        json!({ "aud": "another-app" }),
        json!({ "iat": long_ago, "exp": long_ago + 3600 }),
        json!({ "nonce": "not-the-nonce-sent" }),
        json!({ "iss": "http://127.0.0.1:1" }),
    ] {
        provider.tamper_next_token(claims.clone()).await;
        let b = new_browser();
        let to = sign_in_through(&app, &provider, &b, &manager(CHAD)).await;
        assert_eq!(to, "/signin?directory=refused", "{claims}");
        assert_eq!(
            b.get(app.url("/api/me")).send().await.unwrap().status(),
            401
        );
    }
    // Untampered, the same account signs in: the refusals were the claims'.
    assert_eq!(
        sign_in_through(&app, &provider, &new_browser(), &manager(CHAD)).await,
        "/"
    );
}
on_both_databases!(forged_or_stale_id_tokens_are_refused);

async fn directory_only_refuses_the_password_and_two_factor_still_asks(app: TestApp) {
    let provider = OidcProvider::start(CALLBACK, accounts());
    let head = configure(&app, &provider, true).await;
    let password = |email: String| {
        let client = app.new_client();
        let url = app.url("/api/session");
        async move {
            let res = client
                .post(url)
                .json(&json!({ "email": email, "password": PASSWORD }))
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (status, body) = password(staff(CHAD)).await;
    assert_eq!(status, 401);
    assert!(body.contains("Sign in with your school account"), "{body}");
    assert_eq!(password(manager(CHAD)).await.0, 401);
    // Another school's people keep their passwords.
    assert_eq!(password(staff(CAMELEY)).await.0, 200);

    // Two-factor sign-in still asks for its code after the directory.
    let started: Value = head
        .post(app.url("/api/me/two-factor"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret = started["secret"].as_str().unwrap();
    let code = attest::auth::totp::code_at(secret, app.clock.now()).unwrap();
    let res = head
        .post(app.url("/api/me/two-factor/confirm"))
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let b = new_browser();
    let to = sign_in_through(&app, &provider, &b, &manager(CHAD)).await;
    assert!(to.starts_with("/signin#challenge="), "{to}");
    assert_eq!(
        b.get(app.url("/api/me")).send().await.unwrap().status(),
        401
    );
}
on_both_databases!(directory_only_refuses_the_password_and_two_factor_still_asks);

async fn directory_settings_are_checked_and_kept_to_their_school(app: TestApp) {
    let head = client_for(&app, &manager(CHAD)).await;
    let chad = school_id(&app, CHAD).await;
    let url = app.url(&format!("/api/schools/{chad}/directory"));
    let good = json!({
        "issuer": "https://login.example.com/tenant/v2.0", "client_id": "attest",
        "client_secret": "s3cret", "email_domains": ["chad-vale-primary.example"], "directory_only": false,
    });
    for (field, value) in [
        ("issuer", json!("http://login.example.com")),
        ("issuer", json!("not an address")),
        ("client_id", json!(" ")),
        ("client_secret", json!("")),
        ("email_domains", json!([])),
        ("email_domains", json!(["not a domain"])),
    ] {
        let mut bad = good.clone();
        bad[field] = value.clone();
        let res = head.put(&url).json(&bad).send().await.unwrap();
        assert_eq!(res.status(), 422, "{field} = {value}");
    }
    let stored: DirectorySettings =
        get_json(&app, &head, &format!("/api/schools/{chad}/directory")).await;
    assert_eq!(stored, DirectorySettings::default());

    assert_eq!(
        head.put(&url).json(&good).send().await.unwrap().status(),
        200
    );
    let stored: DirectorySettings =
        get_json(&app, &head, &format!("/api/schools/{chad}/directory")).await;
    assert!(stored.has_secret && stored.client_secret.is_empty());
    // Saved again without the secret, the stored one is kept.
    let mut again = good.clone();
    again["client_secret"] = json!("");
    assert_eq!(
        head.put(&url).json(&again).send().await.unwrap().status(),
        200
    );

    // Another school may not read or change it, nor claim its domain.
    let other = client_for(&app, &manager(CAMELEY)).await;
    assert_eq!(other.get(&url).send().await.unwrap().status(), 404);
    assert_eq!(
        other.put(&url).json(&good).send().await.unwrap().status(),
        404
    );
    let cameley = school_id(&app, CAMELEY).await;
    let res = other
        .put(app.url(&format!("/api/schools/{cameley}/directory")))
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
}
on_both_databases!(directory_settings_are_checked_and_kept_to_their_school);
