//! `POST /api/session` (sign in), its second step `POST /api/session/two-factor`, and
//! `DELETE /api/session` (sign out).

use attest_domain::api::{
    ApiError, AuditAction, Me, SignInRequest, TwoFactorChallenge, TwoFactorSignIn,
};

use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};

use crate::audit;
use crate::auth::two_factor::{challenge, Accepted};
use crate::auth::{session, sign_in, CurrentUser};
use crate::client::ClientAddr;
use crate::error::AppResult;
use crate::manage::access::load_manager;
use crate::people::load_me;
use crate::state::AppState;

/// Starts a session for someone who has proved who they are; a session the request carried
/// is ended first (rotation). The cookie to set, and the person.
pub async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    person_id: &str,
    now: DateTime<Utc>,
) -> AppResult<((HeaderName, HeaderValue), Me)> {
    if let Some(old) = session::token_from(headers) {
        session::delete(&state.db, &old).await?;
    }
    let token = session::create(&state.db, person_id, now).await?;
    let me = load_me(&state.db, person_id).await?;
    Ok((
        session::cookie(Some(&token), state.settings.secure_cookies),
        me,
    ))
}

/// Signs in; a new session replaces any the request carried (rotation). Someone with
/// two-factor sign-in set up gets a challenge instead, to complete with their code.
#[utoipa::path(
    post,
    path = "/session",
    tag = "session",
    security(()),
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in; the `attest_session` cookie is set", body = Me),
        (status = 202, description = "Password right; now the two-factor code", body = TwoFactorChallenge),
        (status = 401, description = "Email or password not recognised", body = ApiError),
        (status = 429, description = "Too many attempts; try again later", body = ApiError),
    )
)]
pub async fn create_session(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    Json(req): Json<SignInRequest>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let ip = ip.to_string();
    let person_id = sign_in(&state.db, &ip, &req.email, &req.password, now).await?;
    if let Some(asked) = challenge::begin(&state.db, &person_id, now).await? {
        return Ok((StatusCode::ACCEPTED, Json(asked)).into_response());
    }
    let (cookie, me) = start_session(&state, &headers, &person_id, now).await?;
    Ok(([cookie], Json(me)).into_response())
}

/// Completes a sign-in with a code from the authenticator app, or a recovery code (which is
/// then used up and recorded in the audit log).
#[utoipa::path(
    post,
    path = "/session/two-factor",
    tag = "session",
    security(()),
    request_body = TwoFactorSignIn,
    responses(
        (status = 200, description = "Signed in; the `attest_session` cookie is set", body = Me),
        (status = 401, description = "The sign-in is unknown, used or expired", body = ApiError),
        (status = 422, description = "The code is wrong, old or already used", body = ApiError),
        (status = 429, description = "Too many attempts; try again later", body = ApiError),
    )
)]
pub async fn create_two_factor_session(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    Json(req): Json<TwoFactorSignIn>,
) -> AppResult<impl IntoResponse> {
    let now = state.clock.now();
    let (person_id, accepted) =
        challenge::complete(&state.db, &ip.to_string(), &req.challenge, &req.code, now).await?;
    if accepted == Accepted::Recovery {
        let mut by = load_manager(&state.db, &person_id).await?;
        by.from = Some(ip);
        let action = AuditAction::RecoveryCodeUsed;
        audit::record_own_account(&state.db, &by, action, "signed in", now).await?;
    }
    let (cookie, me) = start_session(&state, &headers, &person_id, now).await?;
    Ok(([cookie], Json(me)))
}

/// Signs out: the session is deleted and the cookie cleared.
#[utoipa::path(
    delete,
    path = "/session",
    tag = "session",
    security(("attest_session" = [])),
    responses((status = 204, description = "Signed out; the cookie is cleared"))
)]
pub async fn delete_session(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<impl IntoResponse> {
    session::delete(&state.db, &user.token).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [session::cookie(None, state.settings.secure_cookies)],
    ))
}
