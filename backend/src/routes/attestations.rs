//! `/api/attestations/{id}` (a person's own receipt) and `/api/verify/{code}` (public).

use attest_domain::api::{Receipt, VerifyView};
use axum::extract::{Path, State};
use axum::Json;

use crate::attesting::{receipt, verify_code};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;

/// The signed-in person's receipt.
pub async fn get_attestation(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<Json<Receipt>> {
    Ok(Json(receipt(&state.db, &user.person_id, &id).await?))
}

/// Public check of a receipt's code: name, policy, version and date only.
pub async fn get_verification(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> AppResult<Json<VerifyView>> {
    Ok(Json(verify_code(&state.db, &code).await?))
}
