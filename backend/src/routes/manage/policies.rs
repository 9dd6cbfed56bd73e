//! Policies: the list, a version's diff and insight (uploading and publishing go through drafts).

use attest_domain::api::{ApiError, PolicyInsight, PolicySummary};
use attest_domain::diff::PolicyDiff;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;

use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::manage::insight::policy_insight;
use crate::manage::policies::{list_policies, version_diff};
use crate::state::AppState;

/// The largest upload a draft accepts.
pub const MAX_UPLOAD: usize = 10 * 1024 * 1024;

/// A school's policies.
#[utoipa::path(
    get,
    path = "/schools/{id}/policies",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    responses(
        (status = 200, description = "The school's policies", body = Vec<PolicySummary>),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn list_school_policies(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
) -> AppResult<Json<Vec<PolicySummary>>> {
    manager.school(&school_id)?;
    Ok(Json(list_policies(&state.db, &school_id).await?))
}

/// An upload's `?file_name=policy.docx&policy_id=` (the policy a new version would replace).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PreviewQuery {
    /// The uploaded file's name (its extension picks the decoder).
    pub file_name: String,
    /// For a new version: the policy.
    pub policy_id: Option<String>,
}

/// `?seq=`: which version (default: the latest).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// The version's number within the policy.
    pub seq: Option<i64>,
}

/// What a version changed from the one before it.
#[utoipa::path(
    get,
    path = "/policies/{id}/diff",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A policy's id"), VersionQuery),
    responses(
        (status = 200, description = "What the version changed", body = PolicyDiff),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_policy_diff(
    State(state): State<AppState>,
    manager: Manager,
    Path(policy_id): Path<String>,
    Query(query): Query<VersionQuery>,
) -> AppResult<Json<PolicyDiff>> {
    manager.policy(&state.db, &policy_id).await?;
    Ok(Json(version_diff(&state.db, &policy_id, query.seq).await?))
}

/// The clauses most often answered wrongly on first attempts.
#[utoipa::path(
    get,
    path = "/policies/{id}/insight",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A policy's id"), VersionQuery),
    responses(
        (status = 200, description = "The clauses most often answered wrongly", body = PolicyInsight),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_policy_insight(
    State(state): State<AppState>,
    manager: Manager,
    Path(policy_id): Path<String>,
    Query(query): Query<VersionQuery>,
) -> AppResult<Json<PolicyInsight>> {
    manager.policy(&state.db, &policy_id).await?;
    Ok(Json(
        policy_insight(&state.db, &policy_id, query.seq).await?,
    ))
}
