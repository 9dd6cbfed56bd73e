//! Sign-in links and password resets: ask for a link by mail, then use it once.

use attest_domain::api::{
    Accepted, ApiError, LinkRequest, LinkSignIn, NewPassword, TwoFactorChallenge,
};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::auth::two_factor::challenge;
use crate::error::AppResult;
use crate::reminders::links::{consume_link, request_link, reset_password, Purpose, LINK_ACCEPTED};
use crate::reminders::Stage;
use crate::routes::session::start_session;
use crate::state::AppState;

/// `POST /api/sign-in-links`: mails a sign-in link; 202 with one message, account or not.
#[utoipa::path(
    post,
    path = "/sign-in-links",
    tag = "links",
    security(()),
    request_body = LinkRequest,
    responses(
        (status = 202, description = "One message, account or not", body = Accepted),
        (status = 429, description = "Too many requests", body = ApiError),
    )
)]
pub async fn create_sign_in_link(
    State(state): State<AppState>,
    Json(req): Json<LinkRequest>,
) -> AppResult<impl IntoResponse> {
    queue_link(&state, &req.email, Stage::SignInLink).await
}

/// `POST /api/password-resets`: mails a reset link; 202 with one message, account or not.
#[utoipa::path(
    post,
    path = "/password-resets",
    tag = "links",
    security(()),
    request_body = LinkRequest,
    responses(
        (status = 202, description = "One message, account or not", body = Accepted),
        (status = 429, description = "Too many requests", body = ApiError),
    )
)]
pub async fn create_password_reset(
    State(state): State<AppState>,
    Json(req): Json<LinkRequest>,
) -> AppResult<impl IntoResponse> {
    queue_link(&state, &req.email, Stage::PasswordReset).await
}

async fn queue_link(
    state: &AppState,
    email: &str,
    stage: Stage,
) -> AppResult<(StatusCode, Json<Accepted>)> {
    if request_link(&state.db, email, stage, state.clock.now()).await? {
        state.settings.mail_waker.notify_one();
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(Accepted {
            message: LINK_ACCEPTED.into(),
        }),
    ))
}

/// `POST /api/password-resets/{token}`: sets a new password; the link is then used up.
#[utoipa::path(
    post,
    path = "/password-resets/{token}",
    tag = "links",
    security(()),
    params(("token" = String, Path, description = "The token from the mailed link")),
    request_body = NewPassword,
    responses(
        (status = 204, description = "Password set; the link is used up"),
        (status = 401, description = "The link is unknown, used or expired", body = ApiError),
        (status = 422, description = "The password breaks a rule", body = ApiError),
    )
)]
pub async fn complete_password_reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Json(req): Json<NewPassword>,
) -> AppResult<StatusCode> {
    reset_password(&state.db, &token, req.password, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/links/{token}`: uses a sign-in link once and starts a session.
///
/// POST, not GET, so that mail scanners that fetch every link cannot use it up,
/// and another site cannot sign a visitor in to someone else's account.
#[utoipa::path(
    post,
    path = "/links/{token}",
    tag = "links",
    security(()),
    params(("token" = String, Path, description = "The token from the mailed link")),
    responses(
        (status = 200, description = "Signed in; the `attest_session` cookie is set", body = LinkSignIn),
        (status = 202, description = "Link right; now the two-factor code", body = TwoFactorChallenge),
        (status = 401, description = "The link is unknown, used or expired", body = ApiError),
    )
)]
pub async fn use_link(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let now = state.clock.now();
    let (person_id, next) = consume_link(&state.db, &token, Purpose::SignIn, now).await?;
    // A mailed link stands for the password only: two-factor sign-in still asks for the code.
    if let Some(asked) = challenge::begin(&state.db, &person_id, now).await? {
        return Ok((StatusCode::ACCEPTED, Json(asked)).into_response());
    }
    let (cookie, me) = start_session(&state, &headers, &person_id, now).await?;
    Ok(([cookie], Json(LinkSignIn { next, me })).into_response())
}
