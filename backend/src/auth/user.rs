//! The `CurrentUser` extractor: a handler that takes one may only be called signed in.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::auth::session;
use crate::error::AppError;
use crate::state::AppState;

/// The signed-in person, resolved from the session cookie.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The person's id.
    pub person_id: String,
    /// The session token the request carried.
    pub token: String,
}

/// The message for a missing or expired session.
pub const SIGN_IN_REQUIRED: &str = "please sign in to continue";

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token =
            session::token_from(&parts.headers).ok_or(AppError::Unauthorized(SIGN_IN_REQUIRED))?;
        let person_id = session::person_for(&state.db, &token, state.clock.now())
            .await?
            .ok_or(AppError::Unauthorized(SIGN_IN_REQUIRED))?;
        Ok(CurrentUser { person_id, token })
    }
}
