//! `/api/attempts/{id}`: submit a quiz, then attest a passed one.

use attest_domain::api::{ApiError, AttemptResult, AttestRequest, Receipt, SubmitAttempt};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::Json;

use crate::attempts::submit_attempt;
use crate::attesting::{attest, ClientInfo};
use crate::auth::CurrentUser;
use crate::client::ClientAddr;
use crate::error::{AppError, AppResult};
use crate::own_attempt::{own_attempt, Questions};
use crate::state::AppState;

/// Grades a submission once; replays get 409 and change nothing.
#[utoipa::path(
    post,
    path = "/attempts/{attempt_id}/submit",
    tag = "training",
    security(("attest_session" = [])),
    params(
        ("attempt_id" = String, Path, description = "One of the caller's quiz attempts"),
    ),
    request_body = SubmitAttempt,
    responses(
        (status = 200, description = "The graded result", body = AttemptResult),
        (status = 404, description = "No such attempt of the caller's", body = ApiError),
        (status = 409, description = "Already submitted", body = ApiError),
    )
)]
pub async fn submit_attempt_answers(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(attempt_id): Path<String>,
    Json(submission): Json<SubmitAttempt>,
) -> AppResult<Json<AttemptResult>> {
    let attempt = own_attempt(&state.db, &user.person_id, &attempt_id, Questions::Read).await?;
    Ok(Json(
        submit_attempt(&state.db, &attempt, &submission, state.clock.now()).await?,
    ))
}

/// Signs the attestation for a passed attempt.
#[utoipa::path(
    post,
    path = "/attempts/{attempt_id}/attestation",
    tag = "training",
    security(("attest_session" = [])),
    params(
        ("attempt_id" = String, Path, description = "One of the caller's quiz attempts"),
    ),
    request_body = AttestRequest,
    responses(
        (status = 200, description = "The signed attestation's receipt", body = Receipt),
        (status = 404, description = "No such attempt of the caller's", body = ApiError),
        (status = 409, description = "Already attested", body = ApiError),
        (status = 422, description = "Not confirmed, or the attempt did not pass", body = ApiError),
    )
)]
pub async fn create_attestation(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    Path(attempt_id): Path<String>,
    Json(request): Json<AttestRequest>,
) -> AppResult<Json<Receipt>> {
    if !request.confirm {
        return Err(AppError::Unprocessable(
            "tick the box to confirm the statement".into(),
        ));
    }
    let attempt = own_attempt(&state.db, &user.person_id, &attempt_id, Questions::Skip).await?;
    let client = ClientInfo {
        ip: ip.to_string(),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string(),
    };
    Ok(Json(
        attest(&state.db, &attempt, &client, state.clock.now()).await?,
    ))
}
