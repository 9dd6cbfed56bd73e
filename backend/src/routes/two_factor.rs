//! `/api/me/two-factor`: the signed-in person sets up, confirms or turns off two-factor sign-in.

use attest_domain::api::{
    ApiError, AuditAction, RecoveryCodes, TwoFactorCode, TwoFactorEnrolment, TwoFactorStatus,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::audit;
use crate::auth::two_factor::enrol;
use crate::auth::CurrentUser;
use crate::client::ClientAddr;
use crate::error::AppResult;
use crate::manage::access::load_manager;
use crate::state::AppState;

/// Records a change to the caller's own two-factor sign-in in the logs of the places they manage.
async fn record(
    state: &AppState,
    user: &CurrentUser,
    ip: ClientAddr,
    action: AuditAction,
) -> AppResult<()> {
    let mut by = load_manager(&state.db, &user.person_id).await?;
    by.from = Some(ip.0);
    audit::record_own_account(
        &state.db,
        &by,
        action,
        "their own account",
        state.clock.now(),
    )
    .await
}

/// Whether two-factor sign-in is set up and required, and how many recovery codes are left.
#[utoipa::path(
    get,
    path = "/me/two-factor",
    tag = "two-factor",
    security(("attest_session" = [])),
    responses((status = 200, description = "Where the person stands", body = TwoFactorStatus))
)]
pub async fn get_my_two_factor(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<TwoFactorStatus>> {
    Ok(Json(enrol::status(&state.db, &user.person_id).await?))
}

/// Starts setting up an authenticator app: a new secret, in use once confirmed with a code.
#[utoipa::path(
    post,
    path = "/me/two-factor",
    tag = "two-factor",
    security(("attest_session" = [])),
    responses(
        (status = 200, description = "The secret, as text and as an otpauth address", body = TwoFactorEnrolment),
        (status = 409, description = "Already set up", body = ApiError),
    )
)]
pub async fn create_my_two_factor(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<TwoFactorEnrolment>> {
    let now = state.clock.now();
    Ok(Json(enrol::start(&state.db, &user.person_id, now).await?))
}

/// Confirms the authenticator with its first code; answers the recovery codes, shown once.
#[utoipa::path(
    post,
    path = "/me/two-factor/confirm",
    tag = "two-factor",
    security(("attest_session" = [])),
    request_body = TwoFactorCode,
    responses(
        (status = 200, description = "Set up; the recovery codes", body = RecoveryCodes),
        (status = 409, description = "Not being set up, or already set up", body = ApiError),
        (status = 422, description = "The code is wrong, old or already used", body = ApiError),
    )
)]
pub async fn confirm_my_two_factor(
    State(state): State<AppState>,
    user: CurrentUser,
    ip: ClientAddr,
    Json(req): Json<TwoFactorCode>,
) -> AppResult<Json<RecoveryCodes>> {
    let now = state.clock.now();
    let codes = enrol::confirm(&state.db, &user.person_id, &req.code, now).await?;
    record(&state, &user, ip, AuditAction::TwoFactorEnrolled).await?;
    Ok(Json(RecoveryCodes { codes }))
}

/// Turns two-factor sign-in off, given a current code or a recovery code.
#[utoipa::path(
    post,
    path = "/me/two-factor/disable",
    tag = "two-factor",
    security(("attest_session" = [])),
    request_body = TwoFactorCode,
    responses(
        (status = 204, description = "Turned off"),
        (status = 404, description = "Not set up", body = ApiError),
        (status = 422, description = "The code is wrong, or a place they manage requires it", body = ApiError),
    )
)]
pub async fn disable_my_two_factor(
    State(state): State<AppState>,
    user: CurrentUser,
    ip: ClientAddr,
    Json(req): Json<TwoFactorCode>,
) -> AppResult<StatusCode> {
    let now = state.clock.now();
    enrol::disable(&state.db, &user.person_id, &req.code, now).await?;
    record(&state, &user, ip, AuditAction::TwoFactorDisabled).await?;
    Ok(StatusCode::NO_CONTENT)
}
