//! `POST /api/session` (sign in) and `DELETE /api/session` (sign out).

use attest_domain::api::{ApiError, Me, SignInRequest};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;

use crate::auth::{session, sign_in, CurrentUser};
use crate::client::ClientAddr;
use crate::error::AppResult;
use crate::people::load_me;
use crate::state::AppState;

/// Signs in; a new session replaces any the request carried (rotation).
#[utoipa::path(
    post,
    path = "/session",
    tag = "session",
    security(()),
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in; the `attest_session` cookie is set", body = Me),
        (status = 401, description = "Email or password not recognised", body = ApiError),
        (status = 429, description = "Too many attempts; try again later", body = ApiError),
    )
)]
pub async fn create_session(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    Json(req): Json<SignInRequest>,
) -> AppResult<impl IntoResponse> {
    let now = state.clock.now();
    let ip = ip.to_string();
    let person_id = sign_in(&state.db, &ip, &req.email, &req.password, now).await?;
    if let Some(old) = session::token_from(&headers) {
        session::delete(&state.db, &old).await?;
    }
    let token = session::create(&state.db, &person_id, now).await?;
    let me: Me = load_me(&state.db, &person_id).await?;
    Ok((
        [session::cookie(Some(&token), state.settings.secure_cookies)],
        Json(me),
    ))
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
