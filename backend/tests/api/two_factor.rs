//! Two-factor sign-in: enrolling, the code after the password, replay, recovery codes, rate
//! limits, and places that require it of their managers.

use attest::auth::totp::{code_at, STEP_SECONDS};
use attest::on_db;
use attest_domain::api::{
    ApiError, AuditEntry, Me, RecoveryCodes, TwoFactorChallenge, TwoFactorEnrolment, TwoFactorRule,
    TwoFactorStatus, TWO_FACTOR_REQUIRED,
};
use chrono::Duration;
use serde_json::json;

use crate::helpers::{TestApp, PASSWORD};
use crate::manage::support::{
    client_for, get_json, manager, school_id, trust_id, CAMELEY, CHAD, TRUST,
};
use crate::on_both_databases;

/// The next step's code: what the app shows half a minute later.
fn next_code(app: &TestApp, secret: &str) -> String {
    app.clock.advance(Duration::seconds(STEP_SECONDS));
    code_at(secret, app.clock.now()).unwrap()
}

/// Sets up two-factor sign-in for the client's person; the secret and recovery codes.
async fn enrol(app: &TestApp, client: &reqwest::Client) -> (String, Vec<String>) {
    let res = client
        .post(app.url("/api/me/two-factor"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let started: TwoFactorEnrolment = res.json().await.unwrap();
    let code = code_at(&started.secret, app.clock.now()).unwrap();
    let res = client
        .post(app.url("/api/me/two-factor/confirm"))
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let codes: RecoveryCodes = res.json().await.unwrap();
    (started.secret, codes.codes)
}

/// Signs in with the password: the status and, for 202, the challenge.
async fn password_step(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
) -> (u16, Option<String>) {
    let res = client
        .post(app.url("/api/session"))
        .json(&json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let challenge = if status == 202 {
        Some(res.json::<TwoFactorChallenge>().await.unwrap().challenge)
    } else {
        None
    };
    (status, challenge)
}

/// The second step: the status and the body.
async fn code_step(
    app: &TestApp,
    client: &reqwest::Client,
    challenge: &str,
    code: &str,
) -> (u16, String) {
    let res = client
        .post(app.url("/api/session/two-factor"))
        .json(&json!({ "challenge": challenge, "code": code }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn a_manager_enrols_and_signs_in_with_each_code_once(app: TestApp) {
    let email = manager(CHAD);
    let client = client_for(&app, &email).await;
    let res = client
        .post(app.url("/api/me/two-factor"))
        .send()
        .await
        .unwrap();
    let started: TwoFactorEnrolment = res.json().await.unwrap();
    assert!(started.otpauth_uri.starts_with("otpauth://totp/Attest:"));
    assert!(started.otpauth_uri.contains(&started.secret));

    // A wrong first code confirms nothing.
    let res = client
        .post(app.url("/api/me/two-factor/confirm"))
        .json(&json!({ "code": "12345" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let status: TwoFactorStatus = get_json(&app, &client, "/api/me/two-factor").await;
    assert!(!status.enrolled);
    // Not set up yet: the password alone still signs in.
    assert_eq!(password_step(&app, &app.new_client(), &email).await.0, 200);

    let first = code_at(&started.secret, app.clock.now()).unwrap();
    let res = client
        .post(app.url("/api/me/two-factor/confirm"))
        .json(&json!({ "code": first }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let codes: RecoveryCodes = res.json().await.unwrap();
    assert_eq!(codes.codes.len(), 10);
    let status: TwoFactorStatus = get_json(&app, &client, "/api/me/two-factor").await;
    assert!(status.enrolled && !status.required);
    assert_eq!(status.recovery_codes_left, 10);
    // Only hashes are stored.
    let (stored,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT code_hash FROM recovery_codes LIMIT 1"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert!(codes
        .codes
        .iter()
        .all(|c| *c != stored && !stored.contains(c.as_str())));

    // Now the password alone does not sign in: it answers a challenge, and no cookie.
    let browser = app.new_client();
    let (status, challenge) = password_step(&app, &browser, &email).await;
    assert_eq!(status, 202);
    let challenge = challenge.unwrap();
    assert_eq!(
        browser
            .get(app.url("/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    // The code used to confirm, within its own step, is a replay.
    let (status, body) = code_step(&app, &browser, &challenge, &first).await;
    assert_eq!(status, 422, "{body}");
    let err: ApiError = serde_json::from_str(&body).unwrap();
    assert!(
        err.message.starts_with("That code is not right"),
        "{}",
        err.message
    );

    let next = next_code(&app, &started.secret);
    let (status, body) = code_step(&app, &browser, &challenge, &next).await;
    assert_eq!(status, 200, "{body}");
    let me: Me = serde_json::from_str(&body).unwrap();
    assert_eq!(me.email, email);
    assert_eq!(
        browser
            .get(app.url("/api/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    // The challenge is used up, and the same code cannot sign in a second browser.
    let (status, _) = code_step(&app, &browser, &challenge, &next).await;
    assert_eq!(status, 401);
    let other = app.new_client();
    let (_, again) = password_step(&app, &other, &email).await;
    let (status, _) = code_step(&app, &other, &again.unwrap(), &next).await;
    assert_eq!(status, 422);

    // The school's audit log shows the enrolment.
    let school = school_id(&app, CHAD).await;
    let log: Vec<AuditEntry> = get_json(
        &app,
        &browser,
        &format!("/api/schools/{school}/audit?action=two_factor_enrolled"),
    )
    .await;
    assert_eq!(log.len(), 1);
}
on_both_databases!(a_manager_enrols_and_signs_in_with_each_code_once);

async fn a_recovery_code_signs_in_once_and_is_recorded(app: TestApp) {
    let email = manager(CHAD);
    let client = client_for(&app, &email).await;
    let (_, codes) = enrol(&app, &client).await;

    let browser = app.new_client();
    let (_, challenge) = password_step(&app, &browser, &email).await;
    let typed = codes[3].to_uppercase().replace('-', " ");
    let (status, body) = code_step(&app, &browser, &challenge.unwrap(), &typed).await;
    assert_eq!(status, 200, "{body}");

    let (_, challenge) = password_step(&app, &app.new_client(), &email).await;
    let (status, _) = code_step(&app, &app.new_client(), &challenge.unwrap(), &codes[3]).await;
    assert_eq!(status, 422, "a recovery code works once");

    let status: TwoFactorStatus = get_json(&app, &browser, "/api/me/two-factor").await;
    assert_eq!(status.recovery_codes_left, 9);
    let school = school_id(&app, CHAD).await;
    let log: Vec<AuditEntry> = get_json(
        &app,
        &browser,
        &format!("/api/schools/{school}/audit?action=recovery_code_used"),
    )
    .await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].client, "127.0.0.1");
}
on_both_databases!(a_recovery_code_signs_in_once_and_is_recorded);

async fn wrong_codes_are_limited_like_wrong_passwords(app: TestApp) {
    let email = manager(CHAD);
    let client = client_for(&app, &email).await;
    let (secret, _) = enrol(&app, &client).await;
    let browser = app.new_client();
    let (_, challenge) = password_step(&app, &browser, &email).await;
    let challenge = challenge.unwrap();
    for _ in 0..5 {
        assert_eq!(code_step(&app, &browser, &challenge, "12345").await.0, 422);
    }
    // Even the right code is refused now, until the window passes.
    let right = next_code(&app, &secret);
    let (status, body) = code_step(&app, &browser, &challenge, &right).await;
    assert_eq!(status, 429, "{body}");
    assert!(body.contains("Too many sign-in attempts"), "{body}");
}
on_both_databases!(wrong_codes_are_limited_like_wrong_passwords);

async fn a_trust_that_requires_it_sends_unenrolled_managers_to_enrol(app: TestApp) {
    let trust = trust_id(&app).await;
    let school = school_id(&app, CHAD).await;
    let central = client_for(&app, TRUST).await;
    let rule_url = app.url(&format!("/api/trusts/{trust}/two-factor"));

    // Requiring it before setting it up oneself is refused, and changes nothing.
    let res = central
        .put(&rule_url)
        .json(&json!({ "required": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let rule: TwoFactorRule =
        get_json(&app, &central, &format!("/api/trusts/{trust}/two-factor")).await;
    assert!(!rule.required);

    enrol(&app, &central).await;
    let res = central
        .put(&rule_url)
        .json(&json!({ "required": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let school_rule: TwoFactorRule =
        get_json(&app, &central, &format!("/api/schools/{school}/two-factor")).await;
    assert!(!school_rule.required && school_rule.required_by_trust);

    // A school manager of the trust, signed in already, is now sent to enrol first.
    let head = client_for(&app, &manager(CHAD)).await;
    let res = head
        .get(app.url(&format!("/api/schools/{school}/dashboard")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let err: ApiError = res.json().await.unwrap();
    assert_eq!(err.code.as_deref(), Some(TWO_FACTOR_REQUIRED));
    let me: Me = get_json(&app, &head, "/api/me").await;
    assert!(me.must_enrol_two_factor);
    let (_, codes) = enrol(&app, &head).await;
    let res = head
        .get(app.url(&format!("/api/schools/{school}/dashboard")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let status: TwoFactorStatus = get_json(&app, &head, "/api/me/two-factor").await;
    assert!(status.required);

    // While it is required it cannot be turned off, even with a right code.
    let res = head
        .post(app.url("/api/me/two-factor/disable"))
        .json(&json!({ "code": codes[0] }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let status: TwoFactorStatus = get_json(&app, &head, "/api/me/two-factor").await;
    assert!(status.enrolled);
    assert_eq!(status.recovery_codes_left, 10);

    // The trust's log has the rule change.
    let log: Vec<AuditEntry> = get_json(
        &app,
        &central,
        &format!("/api/trusts/{trust}/audit?action=two_factor_rule_changed"),
    )
    .await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].detail, "required");
}
on_both_databases!(a_trust_that_requires_it_sends_unenrolled_managers_to_enrol);

async fn turning_it_off_takes_a_right_code_and_is_recorded(app: TestApp) {
    let email = manager(CHAD);
    let client = client_for(&app, &email).await;
    let (secret, _) = enrol(&app, &client).await;
    let disable = |code: String| {
        client
            .post(app.url("/api/me/two-factor/disable"))
            .json(&json!({ "code": code }))
            .send()
    };
    assert_eq!(disable("12345".into()).await.unwrap().status(), 422);
    let status: TwoFactorStatus = get_json(&app, &client, "/api/me/two-factor").await;
    assert!(status.enrolled);
    assert_eq!(
        disable(next_code(&app, &secret)).await.unwrap().status(),
        204
    );
    assert_eq!(password_step(&app, &app.new_client(), &email).await.0, 200);
    let school = school_id(&app, CHAD).await;
    let log: Vec<AuditEntry> = get_json(
        &app,
        &client,
        &format!("/api/schools/{school}/audit?action=two_factor_disabled"),
    )
    .await;
    assert_eq!(log.len(), 1);
}
on_both_databases!(turning_it_off_takes_a_right_code_and_is_recorded);

async fn another_schools_or_trusts_rule_is_not_found(app: TestApp) {
    let head = client_for(&app, &manager(CHAD)).await;
    let other = school_id(&app, CAMELEY).await;
    let trust = trust_id(&app).await;
    for path in [
        format!("/api/schools/{other}/two-factor"),
        format!("/api/trusts/{trust}/two-factor"),
    ] {
        assert_eq!(
            head.get(app.url(&path)).send().await.unwrap().status(),
            404,
            "{path}"
        );
        let res = head
            .put(app.url(&path))
            .json(&json!({ "required": false }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
    let (required,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT require_two_factor FROM schools WHERE id = $1"
    )
    .bind(&other)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(required, 0);
}
on_both_databases!(another_schools_or_trusts_rule_is_not_found);
