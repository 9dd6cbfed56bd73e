//! Drafts under review: decide on questions, write one, publish; and a policy's history.

use attest_domain::api::{
    ApiError, AuditAction, DraftPublish, DraftPublished, PolicyDraft, PolicyHistory, QuestionReview,
};
use attest_domain::review::{Draft, QuestionAction, WrittenQuestion};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use crate::audit;
use crate::audit::Scope;
use crate::drafts::{load, publish_draft, Owner, StoredDraft};
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::models;
use crate::on_db;
use crate::routes::manage::audit::note;
use crate::routes::manage::drafts::{noted, review_step};
use crate::state::AppState;

/// Approves, edits or retires a generated question (or edits or retires a written one).
#[utoipa::path(
    put,
    path = "/drafts/{id}/questions/{question_id}",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A draft's id"), ("question_id" = String, Path, description = "A question's id")),
    request_body = QuestionReview,
    responses(
        (status = 200, description = "The draft after the decision", body = PolicyDraft),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "Published, or changed by someone else meanwhile", body = ApiError),
        (status = 422, description = "No such question, or an edit that is not a question", body = ApiError),
    )
)]
pub async fn review_question(
    State(state): State<AppState>,
    manager: Manager,
    Path((id, question_id)): Path<(String, String)>,
    Json(review): Json<QuestionReview>,
) -> AppResult<Json<PolicyDraft>> {
    let (review_action, question) = (review.action, review.question.as_ref());
    let step = |review: &mut Draft, by| {
        review.decide(&question_id, review_action, question, by)?;
        let verb = match review_action {
            QuestionAction::Approved => "approved".to_string(),
            // The history shows what the question now asks, not only that it changed.
            QuestionAction::Edited | QuestionAction::Written => match question {
                Some(q) => format!("edited to \"{}\"", brief(&q.stem)),
                None => "edited".to_string(),
            },
            QuestionAction::Retired => "retired".to_string(),
        };
        Ok(format!("question {question_id}: {verb}"))
    };
    let action = AuditAction::QuestionReviewed;
    Ok(Json(
        review_step(&state, &manager, &id, action, step).await?,
    ))
}

/// A question's words short enough for one audit line: the first 80 characters.
fn brief(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

/// Adds a question the manager wrote.
#[utoipa::path(
    post,
    path = "/drafts/{id}/questions",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A draft's id")),
    request_body = WrittenQuestion,
    responses(
        (status = 201, description = "The draft with the new question", body = PolicyDraft),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "Published, or changed by someone else meanwhile", body = ApiError),
        (status = 422, description = "Not a question: no clause, options or right answer", body = ApiError),
    )
)]
pub async fn create_question(
    State(state): State<AppState>,
    manager: Manager,
    Path(id): Path<String>,
    Json(written): Json<WrittenQuestion>,
) -> AppResult<(StatusCode, Json<PolicyDraft>)> {
    let step = |review: &mut Draft, by| {
        let question_id = review.write(&written, by)?;
        Ok(format!(
            "question {question_id}: written (clause {})",
            written.clause_id
        ))
    };
    let action = AuditAction::QuestionReviewed;
    let draft = review_step(&state, &manager, &id, action, step).await?;
    Ok((StatusCode::CREATED, Json(draft)))
}

/// Publishes a draft: refused (409) while flagged items wait, unless the manager chose to publish unreviewed.
#[utoipa::path(
    post,
    path = "/drafts/{id}/publish",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A draft's id")),
    request_body = DraftPublish,
    responses(
        (status = 201, description = "The published version", body = DraftPublished),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "Flagged items not looked at, already published, or changed meanwhile", body = ApiError),
        (status = 422, description = "A setting out of range, or nothing left to teach", body = ApiError),
    )
)]
pub async fn publish_policy_draft(
    State(state): State<AppState>,
    manager: Manager,
    Path(id): Path<String>,
    Json(request): Json<DraftPublish>,
) -> AppResult<(StatusCode, Json<DraftPublished>)> {
    let mut draft = load(&state.db, &manager, &id).await?;
    let now = state.clock.now();
    if let Owner::Trust(_) = draft.owner {
        let result = models::publish(&state.db, &draft, &request, &manager, now).await?;
        noted_model(&state, &manager, &draft, &request, &result).await?;
        return Ok((StatusCode::CREATED, Json(result)));
    }
    let result = publish_draft(&state.db, &draft, &request, now).await?;
    let (action, kind) = match draft.policy_id {
        Some(_) => (AuditAction::VersionPublished, "version"),
        None => (AuditAction::PolicyPublished, "policy"),
    };
    let unreviewed = match result.unreviewed {
        0 => "every flagged item looked at".to_string(),
        n => format!("published with {n} flagged item(s) unreviewed"),
    };
    let detail = format!(
        "{} {}: new {kind}; {unreviewed}; file SHA-256 {}",
        result.title, request.version_label, result.source_sha256
    );
    draft.policy_id = Some(result.policy_id.clone());
    noted(&state, &manager, &draft, action, detail).await?;
    Ok((StatusCode::CREATED, Json(result)))
}

/// Records a model version in the trust's audit log and each school's copy in the school's.
async fn noted_model(
    state: &AppState,
    manager: &Manager,
    draft: &StoredDraft,
    request: &DraftPublish,
    result: &DraftPublished,
) -> AppResult<()> {
    let names: Vec<&str> = result
        .adoptions
        .iter()
        .map(|a| a.school_name.as_str())
        .collect();
    let detail = format!(
        "{} {}: model version for {}; file SHA-256 {}",
        result.title,
        request.version_label,
        names.join(", "),
        result.source_sha256
    );
    let model = result.policy_id.as_str();
    let (action, scope) = (AuditAction::ModelPublished, draft.owner.scope());
    note(state, manager, action, scope, Some(model), detail).await?;
    for adoption in &result.adoptions {
        let (action, what) = match (&adoption.version_id, &adoption.waiting_reason) {
            (Some(_), _) => (
                AuditAction::PolicyPublished,
                format!(
                    "published with {} local amendment(s) kept",
                    adoption.amendments_kept
                ),
            ),
            (None, Some(why)) => (AuditAction::DraftUploaded, format!("waiting: {why}")),
            (None, None) => continue,
        };
        let detail = format!(
            "{} {} from the trust's model: {what}",
            result.title, request.version_label
        );
        let target = adoption
            .policy_id
            .as_deref()
            .or(adoption.waiting_draft_id.as_deref());
        note(
            state,
            manager,
            action,
            Scope::School(&adoption.school_id),
            target,
            detail,
        )
        .await?;
    }
    Ok(())
}

/// Who uploaded, reviewed and published what for a policy, newest first.
#[utoipa::path(
    get,
    path = "/policies/{id}/history",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A policy's id")),
    responses(
        (status = 200, description = "The policy's history", body = PolicyHistory),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_policy_history(
    State(state): State<AppState>,
    manager: Manager,
    Path(policy_id): Path<String>,
) -> AppResult<Json<PolicyHistory>> {
    let school_id = manager.policy(&state.db, &policy_id).await?;
    let (title,): (String,) = on_db!(state.db, |e| sqlx::query_as(
        "SELECT title FROM policies WHERE id = $1"
    )
    .bind(&policy_id)
    .fetch_one(e)
    .await)?;
    Ok(Json(PolicyHistory {
        title,
        school_id,
        entries: audit::for_policy(&state.db, &policy_id).await?,
    }))
}
