//! Policies: list, preview an upload, publish a policy or a version, diff, insight.

use attest_domain::api::{
    ApiError, PolicyInsight, PolicyPreview, PolicySummary, PublishRequest, PublishResult,
};
use attest_domain::diff::PolicyDiff;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;

use crate::audit::Scope;
use crate::error::{AppError, AppResult};
use crate::manage::access::Manager;
use crate::manage::insight::policy_insight;
use crate::manage::policies::{
    latest_clauses, list_policies, preview, publish_policy, publish_version, version_diff,
};
use crate::routes::manage::audit::note;
use crate::sources::keep;
use crate::state::AppState;
use attest_domain::api::AuditAction;

/// The largest upload a preview accepts.
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

/// `?file_name=policy.docx&policy_id=` (the policy a new version would replace).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PreviewQuery {
    /// The uploaded file's name (its extension picks the decoder).
    pub file_name: String,
    /// For a new version: the policy.
    pub policy_id: Option<String>,
}

/// Parses an uploaded file (the raw request body) and shows what it would publish.
#[utoipa::path(
    post,
    path = "/schools/{id}/policies/preview",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id"), PreviewQuery),
    request_body(content = String, content_type = "application/octet-stream", description = "The uploaded file's bytes (.docx, .pdf, .txt or .md)"),
    responses(
        (status = 200, description = "What the file would publish", body = PolicyPreview),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "The file cannot be read, or is larger or deeper than a policy", body = ApiError),
        (status = 429, description = "Busy reading other uploads; try again shortly", body = ApiError),
    )
)]
pub async fn preview_policy(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Query(query): Query<PreviewQuery>,
    body: Bytes,
) -> AppResult<Json<PolicyPreview>> {
    manager.school(&school_id)?;
    if body.is_empty() {
        return Err(AppError::Unprocessable("the file is empty".into()));
    }
    let previous = match query.policy_id.as_deref().filter(|p| !p.is_empty()) {
        Some(policy_id) => {
            if manager.policy(&state.db, policy_id).await? != school_id {
                return Err(AppError::NotFound("policy"));
            }
            latest_clauses(&state.db, policy_id)
                .await?
                .map(|(_, set)| set)
        }
        None => None,
    };
    let file_name = query.file_name.clone();
    let kept_name = file_name.clone();
    let kept = body.clone();
    // Decoding a .docx or .pdf and drawing a quiz is CPU work: off the async workers,
    // and only a few at a time.
    let result = state
        .settings
        .parsing
        .run(move || preview(&file_name, &body, previous.as_ref()))
        .await?;
    // Kept once it reads as a policy: the file a version is published from, byte for byte.
    let source_sha256 = keep(&state.db.pool, &kept_name, &kept, state.clock.now()).await?;
    Ok(Json(PolicyPreview {
        source_sha256: Some(source_sha256),
        ..result
    }))
}

/// Publishes a new policy at a school.
#[utoipa::path(
    post,
    path = "/schools/{id}/policies",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    request_body = PublishRequest,
    responses(
        (status = 201, description = "The published policy", body = PublishResult),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "Not chosen to publish unreviewed, or conflicts with a stored policy", body = ApiError),
    )
)]
pub async fn create_policy(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Json(request): Json<PublishRequest>,
) -> AppResult<(StatusCode, Json<PublishResult>)> {
    manager.school(&school_id)?;
    let result = publish_policy(&state.db, &school_id, &request, state.clock.now()).await?;
    let scope = Scope::School(&school_id);
    let detail = format!("{} (unreviewed, straight from the text)", result.title);
    note(
        &state,
        &manager,
        AuditAction::PolicyPublished,
        scope,
        Some(&result.policy_id),
        detail,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(result)))
}

/// Publishes a new version of a policy.
#[utoipa::path(
    post,
    path = "/policies/{id}/versions",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A policy's id")),
    request_body = PublishRequest,
    responses(
        (status = 201, description = "The published version", body = PublishResult),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "Not chosen to publish unreviewed, or conflicts with a stored version", body = ApiError),
    )
)]
pub async fn create_policy_version(
    State(state): State<AppState>,
    manager: Manager,
    Path(policy_id): Path<String>,
    Json(request): Json<PublishRequest>,
) -> AppResult<(StatusCode, Json<PublishResult>)> {
    let school_id = manager.policy(&state.db, &policy_id).await?;
    let result = publish_version(&state.db, &policy_id, &request, state.clock.now()).await?;
    let detail = if result.requires_reattestation {
        "unreviewed, straight from the text; a duty changed: staff re-attest"
    } else {
        "unreviewed, straight from the text; wording only: attestations carry over"
    };
    let scope = Scope::School(&school_id);
    note(
        &state,
        &manager,
        AuditAction::VersionPublished,
        scope,
        Some(&policy_id),
        detail,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(result)))
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
