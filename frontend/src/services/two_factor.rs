//! Two-factor sign-in: the second step of signing in, one's own authenticator, and the rule
//! a school or trust sets for its managers.

use attest_domain::api::{
    Me, RecoveryCodes, TwoFactorChallenge, TwoFactorCode, TwoFactorEnrolment, TwoFactorRule,
    TwoFactorSignIn, TwoFactorStatus,
};
use serde::Deserialize;

use super::manage::Level;
use super::requests::{self, ApiFailure};

/// What a first sign-in step answers: signed in, or a code is wanted first (202).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum SignInStep<T> {
    /// The password (or link) was right; now the code.
    Code(TwoFactorChallenge),
    /// Signed in.
    Done(T),
}

/// Completes a sign-in with a code from the app or a recovery code.
pub async fn complete(challenge: String, code: String) -> Result<Me, ApiFailure> {
    requests::post(
        "/api/session/two-factor",
        &TwoFactorSignIn { challenge, code },
    )
    .await
}

/// Where the signed-in person stands.
pub async fn status() -> Result<TwoFactorStatus, ApiFailure> {
    requests::get("/api/me/two-factor").await
}

/// Starts setting up an authenticator app.
pub async fn start() -> Result<TwoFactorEnrolment, ApiFailure> {
    requests::post("/api/me/two-factor", &()).await
}

/// Confirms the app with its first code; the recovery codes.
pub async fn confirm(code: String) -> Result<RecoveryCodes, ApiFailure> {
    requests::post("/api/me/two-factor/confirm", &TwoFactorCode { code }).await
}

/// Turns two-factor sign-in off.
pub async fn disable(code: String) -> Result<(), ApiFailure> {
    requests::post_no_content("/api/me/two-factor/disable", &TwoFactorCode { code }).await
}

/// A school's or trust's rule.
pub async fn rule(level: Level, id: &str) -> Result<TwoFactorRule, ApiFailure> {
    requests::get(&format!("/api/{}/{id}/two-factor", level.segment())).await
}

/// Sets a school's or trust's rule.
pub async fn set_rule(level: Level, id: &str, required: bool) -> Result<TwoFactorRule, ApiFailure> {
    let rule = TwoFactorRule {
        required,
        required_by_trust: false,
    };
    requests::put(&format!("/api/{}/{id}/two-factor", level.segment()), &rule).await
}
