//! Sign-in, sign-out and the signed-in person.

use attest_domain::api::{Me, SignInRequest};

use super::requests::{self, ApiFailure};
use super::two_factor::SignInStep;

/// Signs in and returns the person, or the challenge to answer with a two-factor code.
pub async fn sign_in(email: String, password: String) -> Result<SignInStep<Me>, ApiFailure> {
    requests::post("/api/session", &SignInRequest { email, password }).await
}

/// Signs out.
pub async fn sign_out() -> Result<(), ApiFailure> {
    requests::delete("/api/session").await
}

/// The signed-in person, if the session is live.
pub async fn me() -> Result<Me, ApiFailure> {
    requests::get("/api/me").await
}
