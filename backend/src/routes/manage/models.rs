//! Trust model policies: a trust's models and uploads, and a school's amendments to its copy
//! (see [`crate::models`]). Publishing goes through `POST /api/drafts/{id}/publish`, as for a school.

use attest_domain::api::{ApiError, PolicyAmendments, PolicyDraft, TrustModels};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::drafts::{self, Owner, Place, Upload};
use crate::error::{AppError, AppResult};
use crate::manage::access::Manager;
use crate::models;
use crate::on_db;
use crate::routes::manage::drafts::upload_draft;
use crate::state::AppState;

/// Where a trust's upload goes.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ModelUploadQuery {
    /// The uploaded file's name (its extension picks the decoder).
    pub file_name: String,
    /// For a new version: the model policy.
    pub model_id: Option<String>,
}

/// The trust's model policies, the schools that follow each, and its uploads not yet published.
#[utoipa::path(
    get,
    path = "/trusts/{id}/models",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id")),
    responses(
        (status = 200, description = "The trust's model policies", body = TrustModels),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or not the caller's trust", body = ApiError),
    )
)]
pub async fn get_trust_models(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
) -> AppResult<Json<TrustModels>> {
    manager.trust(&state.db, &trust_id).await?;
    Ok(Json(models::trust_models(&state.db, &trust_id).await?))
}

/// Uploads a trust's model policy (the raw request body) as a draft to review before publishing
/// it to the trust's schools.
#[utoipa::path(
    post,
    path = "/trusts/{id}/drafts",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id"), ModelUploadQuery),
    request_body(content = String, content_type = "application/octet-stream", description = "The uploaded file's bytes (.docx, .pdf, .txt or .md)"),
    responses(
        (status = 201, description = "The draft, as the engine read it", body = PolicyDraft),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or not the caller's trust or model", body = ApiError),
        (status = 422, description = "The file cannot be read, or is larger or deeper than a policy", body = ApiError),
        (status = 429, description = "Busy reading other uploads; try again shortly", body = ApiError),
    )
)]
pub async fn create_model_draft(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
    Query(query): Query<ModelUploadQuery>,
    body: Bytes,
) -> AppResult<(StatusCode, Json<PolicyDraft>)> {
    manager.trust(&state.db, &trust_id).await?;
    let model_id = query.model_id.clone().filter(|m| !m.is_empty());
    if let Some(model_id) = &model_id {
        let owner: Option<(String,)> = on_db!(state.db, |e| sqlx::query_as(
            "SELECT trust_id FROM model_policies WHERE id = $1"
        )
        .bind(model_id)
        .fetch_optional(e)
        .await)?;
        if owner.is_none_or(|(t,)| t != trust_id) {
            return Err(AppError::NotFound("model policy"));
        }
    }
    let place = Place {
        owner: Owner::Trust(trust_id),
        policy_id: None,
        model_id,
        model_draft_id: None,
    };
    upload_draft(&state, &manager, place, &query.file_name, body).await
}

/// How a school's copy of its trust's model differs from the model: its local amendments.
#[utoipa::path(
    get,
    path = "/policies/{id}/amendments",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A policy's id")),
    responses(
        (status = 200, description = "The school's amendments, duty by duty", body = PolicyAmendments),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, outside the caller's schools, or not from a model", body = ApiError),
    )
)]
pub async fn get_policy_amendments(
    State(state): State<AppState>,
    manager: Manager,
    Path(policy_id): Path<String>,
) -> AppResult<Json<PolicyAmendments>> {
    manager.policy(&state.db, &policy_id).await?;
    Ok(Json(models::amendments(&state.db, &policy_id).await?))
}

/// Starts a draft from the policy's published version, to change it without uploading it again
/// (how a school amends its copy of a trust's model).
#[utoipa::path(
    post,
    path = "/policies/{id}/drafts",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A policy's id")),
    responses(
        (status = 201, description = "The new draft", body = PolicyDraft),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "The published version was not reviewed from a draft: upload the file instead", body = ApiError),
    )
)]
pub async fn create_draft_from_published(
    State(state): State<AppState>,
    manager: Manager,
    Path(policy_id): Path<String>,
) -> AppResult<(StatusCode, Json<PolicyDraft>)> {
    let school_id = manager.policy(&state.db, &policy_id).await?;
    let latest = drafts::latest_published(&state.db, &policy_id)
        .await?
        .ok_or_else(|| {
            AppError::Conflict(
                "this version was published without a review: upload the policy's file to start a draft"
                    .into(),
            )
        })?;
    let place = Place {
        owner: Owner::School(school_id),
        policy_id: Some(policy_id.clone()),
        model_id: models::model_of(&state.db, &policy_id).await?,
        model_draft_id: latest.model_draft_id.clone(),
    };
    let upload = Upload {
        text: latest.source_text.clone(),
        review: latest.review.clone(),
        sha256: latest.source_sha256.clone(),
    };
    let now = state.clock.now();
    let id = drafts::insert(&state.db, &place, &latest.file_name, upload, &manager, now).await?;
    let draft = drafts::load(&state.db, &manager, &id).await?;
    Ok((
        StatusCode::CREATED,
        Json(drafts::view(&state.db, &draft).await?),
    ))
}
