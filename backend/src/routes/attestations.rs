//! `/api/attestations/{id}` (a person's own receipt) and `/api/verify/{code}` (public).

use attest_domain::api::{ApiError, Receipt, VerifyView};
use axum::extract::{Path, State};
use axum::Json;

use crate::attesting::{receipt, verify_code};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;

/// The signed-in person's receipt.
#[utoipa::path(
    get,
    path = "/attestations/{id}",
    tag = "training",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "One of the caller's attestations")),
    responses(
        (status = 200, description = "The receipt", body = Receipt),
        (status = 404, description = "No such attestation of the caller's", body = ApiError),
    )
)]
pub async fn get_attestation(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<Receipt>> {
    Ok(Json(receipt(&state.db, &user.person_id, &id).await?))
}

/// Public check of a receipt's code: name, policy, version and date only.
#[utoipa::path(
    get,
    path = "/verify/{code}",
    tag = "training",
    security(()),
    params(("code" = String, Path, description = "The code printed on a receipt")),
    responses(
        (status = 200, description = "Name, policy, version and date only", body = VerifyView),
        (status = 404, description = "No attestation has that code", body = ApiError),
    )
)]
pub async fn get_verification(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> AppResult<Json<VerifyView>> {
    Ok(Json(verify_code(&state.db, &code).await?))
}
