//! `/api/modules/{version_id}`: read a module, save progress, start a quiz, look up a situation.

use attest_domain::api::{ApiError, AttemptView, ModuleView, PolicyText, ProgressUpdate};
use attest_domain::ask::{ask, Answer};
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;

use crate::attempts::{create_attempt, unattested_pass};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::learning::{assigned_version, progress, save_progress, to_u32};
use crate::manage::policies::changes_since_attested;
use crate::policy_text::policy_text;
use crate::quiz_gate::{lesson_reads, past_attempts, pending_rereads, unread_lessons};
use crate::state::AppState;
use crate::training::my_modules;

/// The module with where the reader left off.
#[utoipa::path(
    get,
    path = "/modules/{version_id}",
    tag = "training",
    security(("attest_session" = [])),
    params(
        ("version_id" = String, Path, description = "A policy version assigned to the caller"),
    ),
    responses(
        (status = 200, description = "The module and the reader's place", body = ModuleView),
        (status = 404, description = "No such version assigned to the caller", body = ApiError),
    )
)]
pub async fn get_module(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(version_id): Path<String>,
) -> AppResult<Json<ModuleView>> {
    let version = assigned_version(&state.db, &user.person_id, &version_id).await?;
    let (current_lesson, lessons_done) = progress(&state.db, &user.person_id, &version_id).await?;
    let status = my_modules(&state.db, &user.person_id, state.clock.now())
        .await?
        .into_iter()
        .find(|m| m.version_id == version_id)
        .map(|m| m.status)
        .unwrap_or(attest_domain::api::Status::NotStarted);
    let unattested_pass = unattested_pass(&state.db, &user.person_id, &version_id).await?;
    let module = version.module()?;
    let reads = lesson_reads(&state.db, &user.person_id, &version_id).await?;
    let past = past_attempts(&state.db, &user.person_id, &version_id).await?;
    Ok(Json(ModuleView {
        reread: pending_rereads(&module, &past, &reads)?,
        unread_lessons: unread_lessons(module.lessons.len(), &reads),
        lessons_first: version.lessons_first == 1,
        version_id,
        title: version.title.clone(),
        version_label: version.label.clone(),
        school_name: version.school_name.clone(),
        module,
        current_lesson,
        lessons_done,
        pass_mark: to_u32(version.pass_mark),
        status,
        unattested_pass,
        changes: changes_since_attested(
            &state.db,
            &user.person_id,
            &version.policy_id,
            version.latest_seq,
        )
        .await?,
    }))
}

/// Saves the reader's place so the module resumes there on any device.
#[utoipa::path(
    put,
    path = "/modules/{version_id}/progress",
    tag = "training",
    security(("attest_session" = [])),
    params(
        ("version_id" = String, Path, description = "A policy version assigned to the caller"),
    ),
    request_body = ProgressUpdate,
    responses(
        (status = 200, description = "The saved place", body = ProgressUpdate),
        (status = 404, description = "No such version assigned to the caller", body = ApiError),
    )
)]
pub async fn update_progress(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(version_id): Path<String>,
    Json(update): Json<ProgressUpdate>,
) -> AppResult<Json<ProgressUpdate>> {
    let version = assigned_version(&state.db, &user.person_id, &version_id).await?;
    let (current_lesson, lessons_done) = save_progress(
        &state.db,
        &user.person_id,
        &version,
        update,
        state.clock.now(),
    )
    .await?;
    Ok(Json(ProgressUpdate {
        current_lesson,
        lessons_done,
    }))
}

/// Resumes the caller's open quiz attempt, or draws a new one (questions without answers).
#[utoipa::path(
    post,
    path = "/modules/{version_id}/attempts",
    tag = "training",
    security(("attest_session" = [])),
    params(
        ("version_id" = String, Path, description = "A policy version assigned to the caller"),
    ),
    responses(
        (status = 200, description = "The open attempt, or a new one (questions without answers)", body = AttemptView),
        (status = 404, description = "No such version assigned to the caller", body = ApiError),
        (status = 422, description = "Lessons to read (or read again) first, or nothing to ask about", body = ApiError),
        (status = 429, description = "Too many attempts in the last 24 hours; the message says when to come back", body = ApiError),
    )
)]
pub async fn create_module_attempt(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(version_id): Path<String>,
) -> AppResult<Json<AttemptView>> {
    let version = assigned_version(&state.db, &user.person_id, &version_id).await?;
    Ok(Json(
        create_attempt(&state.db, &user.person_id, &version, state.clock.now()).await?,
    ))
}

/// The `q` query parameter of a look-up.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AskQuery {
    /// The situation, in the person's own words.
    pub q: String,
}

/// Finds the clause of this policy that decides a situation.
#[utoipa::path(
    get,
    path = "/modules/{version_id}/ask",
    tag = "training",
    security(("attest_session" = [])),
    params(
        ("version_id" = String, Path, description = "A policy version assigned to the caller"),
        AskQuery,
    ),
    responses(
        (status = 200, description = "The clause that decides the situation, if any", body = Answer),
        (status = 404, description = "No such version assigned to the caller", body = ApiError),
        (status = 422, description = "The situation is empty or too long", body = ApiError),
    )
)]
pub async fn ask_module(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(version_id): Path<String>,
    Query(query): Query<AskQuery>,
) -> AppResult<Json<Answer>> {
    if query.q.trim().is_empty() || query.q.len() > 1000 {
        return Err(AppError::Unprocessable(
            "describe the situation in 1 to 1000 characters".into(),
        ));
    }
    let version = assigned_version(&state.db, &user.person_id, &version_id).await?;
    Ok(Json(ask(&version.clauses()?, &query.q)))
}

/// The whole policy, clause by clause, with its original document's details.
#[utoipa::path(
    get,
    path = "/modules/{version_id}/policy",
    tag = "training",
    security(("attest_session" = [])),
    params(
        ("version_id" = String, Path, description = "A policy version assigned to the caller"),
    ),
    responses(
        (status = 200, description = "Every clause as written, and the original if kept", body = PolicyText),
        (status = 404, description = "No such version assigned to the caller", body = ApiError),
    )
)]
pub async fn get_policy_text(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(version_id): Path<String>,
) -> AppResult<Json<PolicyText>> {
    let version = assigned_version(&state.db, &user.person_id, &version_id).await?;
    Ok(Json(policy_text(&state.db, &version).await?))
}
