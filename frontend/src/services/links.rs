//! Sign-in links, password resets and a school's reminder log.

use attest_domain::api::{Accepted, LinkRequest, LinkSignIn, NewPassword, ReminderEntry};

use super::requests::{self, ApiFailure};
use super::two_factor::SignInStep;

/// Asks for a sign-in link by mail.
pub async fn request_sign_in_link(email: String) -> Result<Accepted, ApiFailure> {
    requests::post("/api/sign-in-links", &LinkRequest { email }).await
}

/// Asks for a password-reset link by mail.
pub async fn request_password_reset(email: String) -> Result<Accepted, ApiFailure> {
    requests::post("/api/password-resets", &LinkRequest { email }).await
}

/// Uses a sign-in link: starts a session and says where to go (or asks for a two-factor code).
pub async fn use_link(token: &str) -> Result<SignInStep<LinkSignIn>, ApiFailure> {
    requests::post(&format!("/api/links/{token}"), &()).await
}

/// Sets a new password with a reset link.
pub async fn reset_password(token: &str, password: String) -> Result<(), ApiFailure> {
    requests::post_no_content(
        &format!("/api/password-resets/{token}"),
        &NewPassword { password },
    )
    .await
}

/// A school's reminder log.
pub async fn reminder_log(school_id: &str) -> Result<Vec<ReminderEntry>, ApiFailure> {
    requests::get(&format!("/api/schools/{school_id}/reminders")).await
}
