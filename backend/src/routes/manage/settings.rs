//! `/api/policies/{id}/settings`: a policy's quiz and deadline settings, for its managers.

use attest_domain::api::{ApiError, AuditAction, PolicySettings};
use axum::extract::{Path, State};
use axum::Json;

use crate::audit::Scope;
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::manage::settings::{policy_settings, save_settings};
use crate::routes::manage::audit::note;
use crate::state::AppState;

/// A policy's settings.
#[utoipa::path(
    get,
    path = "/policies/{id}/settings",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A policy's id")),
    responses(
        (status = 200, description = "The policy's settings", body = PolicySettings),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_policy_settings(
    State(state): State<AppState>,
    manager: Manager,
    Path(policy_id): Path<String>,
) -> AppResult<Json<PolicySettings>> {
    manager.policy(&state.db, &policy_id).await?;
    Ok(Json(policy_settings(&state.db, &policy_id).await?))
}

/// Changes a policy's settings; the change is recorded in the audit log.
#[utoipa::path(
    put,
    path = "/policies/{id}/settings",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A policy's id")),
    request_body = PolicySettings,
    responses(
        (status = 200, description = "The settings as stored", body = PolicySettings),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "A setting is out of range; nothing was changed", body = ApiError),
    )
)]
pub async fn update_policy_settings(
    State(state): State<AppState>,
    manager: Manager,
    Path(policy_id): Path<String>,
    Json(settings): Json<PolicySettings>,
) -> AppResult<Json<PolicySettings>> {
    let school_id = manager.policy(&state.db, &policy_id).await?;
    let detail = save_settings(&state.db, &policy_id, &settings).await?;
    note(
        &state,
        &manager,
        AuditAction::PolicySettingsChanged,
        Scope::School(&school_id),
        Some(&policy_id),
        detail,
    )
    .await?;
    Ok(Json(policy_settings(&state.db, &policy_id).await?))
}
