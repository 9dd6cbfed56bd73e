//! Drafts under review: upload one, read it, and correct, split or join its clauses.

use attest_domain::api::{ApiError, AuditAction, PolicyDraft, SplitClause};
use attest_domain::review::{Correction, Draft, Reviewed};
use attest_domain::DomainError;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;

use crate::drafts::{self, ensure_open, load, refused, reviewer, save, Owner, Place, StoredDraft};
use crate::error::{AppError, AppResult};
use crate::manage::access::Manager;
use crate::routes::manage::audit::note;
use crate::routes::manage::policies::PreviewQuery;
use crate::state::AppState;

/// Records one review step in the audit log, against the policy (or, before it exists, the draft).
pub async fn noted(
    state: &AppState,
    manager: &Manager,
    draft: &StoredDraft,
    action: AuditAction,
    detail: String,
) -> AppResult<()> {
    let target = draft
        .policy_id
        .as_deref()
        .or(draft.model_id.as_deref())
        .unwrap_or(&draft.id);
    note(
        state,
        manager,
        action,
        draft.owner.scope(),
        Some(target),
        detail,
    )
    .await
}

/// One review step on an open draft, the same for every kind: load it (the caller's schools
/// only), apply `step` as the caller, save it (refused if someone saved meanwhile), note it in
/// the audit log with the detail `step` returns, and answer with the draft as it now stands.
pub async fn review_step(
    state: &AppState,
    manager: &Manager,
    id: &str,
    action: AuditAction,
    step: impl FnOnce(&mut Draft, Reviewed) -> Result<String, DomainError>,
) -> AppResult<PolicyDraft> {
    let mut draft = load(&state.db, manager, id).await?;
    ensure_open(&draft)?;
    let by = reviewer(&state.db, manager, state.clock.now()).await?;
    let detail = step(&mut draft.review, by).map_err(refused)?;
    save(&state.db, &draft).await?;
    noted(state, manager, &draft, action, detail).await?;
    drafts::view(&state.db, &draft).await
}

/// Uploads a policy file (the raw request body) as a draft to review before publishing.
#[utoipa::path(
    post,
    path = "/schools/{id}/drafts",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id"), PreviewQuery),
    request_body(content = String, content_type = "application/octet-stream", description = "The uploaded file's bytes (.docx, .pdf, .txt or .md)"),
    responses(
        (status = 201, description = "The draft, as the engine read it", body = PolicyDraft),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "The file cannot be read, or is larger or deeper than a policy", body = ApiError),
        (status = 429, description = "Busy reading other uploads; try again shortly", body = ApiError),
    )
)]
pub async fn create_draft(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Query(query): Query<PreviewQuery>,
    body: Bytes,
) -> AppResult<(StatusCode, Json<PolicyDraft>)> {
    manager.school(&school_id)?;
    let policy_id = query.policy_id.clone().filter(|p| !p.is_empty());
    let mut model_id = None;
    if let Some(policy_id) = &policy_id {
        if manager.policy(&state.db, policy_id).await? != school_id {
            return Err(AppError::NotFound("policy"));
        }
        model_id = crate::models::model_of(&state.db, policy_id).await?;
    }
    let place = Place {
        owner: Owner::School(school_id),
        policy_id,
        model_id,
        model_draft_id: None,
    };
    upload_draft(&state, &manager, place, &query.file_name, body).await
}

/// Reads an upload, keeps the original and stores the draft (for a school or a trust).
pub async fn upload_draft(
    state: &AppState,
    manager: &Manager,
    place: Place,
    file_name: &str,
    body: Bytes,
) -> AppResult<(StatusCode, Json<PolicyDraft>)> {
    if body.is_empty() {
        return Err(AppError::Unprocessable("the file is empty".into()));
    }
    let (name, bytes) = (file_name.to_string(), body.clone());
    // Decoding and reading a policy is CPU work: off the async workers, a few at a time.
    let mut upload = state
        .settings
        .parsing
        .run(move || drafts::read_upload(&name, &bytes))
        .await?;
    if let (Owner::School(_), Some(policy_id)) = (&place.owner, &place.policy_id) {
        drafts::carry_from_latest(&state.db, policy_id, &mut upload).await?;
    }
    if let (Owner::Trust(_), Some(model_id)) = (&place.owner, &place.model_id) {
        crate::models::carry_from_latest(&state.db, model_id, &mut upload).await?;
    }
    let now = state.clock.now();
    // The original is kept (content-addressed) once it is known to read as a policy, so
    // staff can download exactly what was uploaded and `attest verify` can check it.
    crate::sources::keep(&mut state.db.pool.acquire().await?, file_name, &body, now).await?;
    let id = drafts::insert(&state.db, &place, file_name, upload, manager, now).await?;
    let draft = load(&state.db, manager, &id).await?;
    let detail = format!("{file_name} ({})", draft.source_sha256);
    noted(state, manager, &draft, AuditAction::DraftUploaded, detail).await?;
    Ok((
        StatusCode::CREATED,
        Json(drafts::view(&state.db, &draft).await?),
    ))
}

/// A draft under review.
#[utoipa::path(
    get,
    path = "/drafts/{id}",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A draft's id")),
    responses(
        (status = 200, description = "The draft", body = PolicyDraft),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_draft(
    State(state): State<AppState>,
    manager: Manager,
    Path(id): Path<String>,
) -> AppResult<Json<PolicyDraft>> {
    let draft = load(&state.db, &manager, &id).await?;
    Ok(Json(drafts::view(&state.db, &draft).await?))
}

/// The words an audit line uses for a correction.
fn described(clause_id: &str, c: &Correction) -> String {
    let mut parts = Vec::new();
    if let Some(s) = c.strength {
        parts.push(format!("strength {}", s.as_str()));
    }
    if let Some(h) = c.holder {
        parts.push(format!("holder {}", h.as_str()));
    }
    match c.taught {
        Some(false) => parts.push("not taught".to_string()),
        Some(true) => parts.push("taught".to_string()),
        None => {}
    }
    if c.text.is_some() {
        parts.push("wording edited".to_string());
    }
    if parts.is_empty() {
        format!("clause {clause_id}: looked at, right as read")
    } else {
        format!("clause {clause_id}: {}", parts.join(", "))
    }
}

/// Corrects a clause (strength, holder, taught, wording), or marks it looked at as read.
#[utoipa::path(
    put,
    path = "/drafts/{id}/clauses/{clause_id}",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A draft's id"), ("clause_id" = String, Path, description = "A clause's number")),
    request_body = Correction,
    responses(
        (status = 200, description = "The draft after the correction", body = PolicyDraft),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "Published, or changed by someone else meanwhile", body = ApiError),
        (status = 422, description = "No such clause, or empty wording", body = ApiError),
    )
)]
pub async fn review_clause(
    State(state): State<AppState>,
    manager: Manager,
    Path((id, clause_id)): Path<(String, String)>,
    Json(correction): Json<Correction>,
) -> AppResult<Json<PolicyDraft>> {
    let step = |review: &mut Draft, by| {
        review.correct(&clause_id, &correction, by)?;
        Ok(described(&clause_id, &correction))
    };
    let action = AuditAction::ClauseReviewed;
    Ok(Json(
        review_step(&state, &manager, &id, action, step).await?,
    ))
}

/// Splits a clause in two after one of its sentences.
#[utoipa::path(
    post,
    path = "/drafts/{id}/clauses/{clause_id}/split",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A draft's id"), ("clause_id" = String, Path, description = "A clause's number")),
    request_body = SplitClause,
    responses(
        (status = 200, description = "The draft after the split", body = PolicyDraft),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "Published, or changed by someone else meanwhile", body = ApiError),
        (status = 422, description = "No such clause, or no such place to split", body = ApiError),
    )
)]
pub async fn split_clause(
    State(state): State<AppState>,
    manager: Manager,
    Path((id, clause_id)): Path<(String, String)>,
    Json(split): Json<SplitClause>,
) -> AppResult<Json<PolicyDraft>> {
    let step = |review: &mut Draft, by| {
        let new_id = review.split(&clause_id, split.at, by)?;
        Ok(format!(
            "clause {clause_id}: split after sentence {} into {new_id}",
            split.at
        ))
    };
    let action = AuditAction::ClauseReviewed;
    Ok(Json(
        review_step(&state, &manager, &id, action, step).await?,
    ))
}

/// Joins a clause with the one after it.
#[utoipa::path(
    post,
    path = "/drafts/{id}/clauses/{clause_id}/join",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A draft's id"), ("clause_id" = String, Path, description = "A clause's number")),
    responses(
        (status = 200, description = "The draft after the join", body = PolicyDraft),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "Published, or changed by someone else meanwhile", body = ApiError),
        (status = 422, description = "No such clause, or none after it", body = ApiError),
    )
)]
pub async fn join_clause(
    State(state): State<AppState>,
    manager: Manager,
    Path((id, clause_id)): Path<(String, String)>,
) -> AppResult<Json<PolicyDraft>> {
    let step = |review: &mut Draft, by| {
        review.join(&clause_id, by)?;
        Ok(format!(
            "clause {clause_id}: joined with the clause after it"
        ))
    };
    let action = AuditAction::ClauseReviewed;
    Ok(Json(
        review_step(&state, &manager, &id, action, step).await?,
    ))
}
