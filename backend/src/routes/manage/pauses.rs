//! Pauses: record or end a pause of someone's training at one of the manager's schools.

use attest_domain::api::{ApiError, AuditAction, PauseInput, PersonDetail};
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;

use crate::audit::Scope;
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::manage::pauses::{end, pause, Ended};
use crate::manage::people::which_school;
use crate::manage::person::person_detail;
use crate::routes::manage::audit::note;
use crate::state::AppState;

/// Pauses someone's training at a school for a period, with the school's reason; a
/// pause already recorded there is replaced.
#[utoipa::path(
    put,
    path = "/people/{id}/pause",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A person's id")),
    request_body = PauseInput,
    responses(
        (status = 200, description = "The person, with the pause", body = PersonDetail),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "They have left the school", body = ApiError),
        (status = 422, description = "No reason, the days out of order, or too long", body = ApiError),
    )
)]
pub async fn put_pause(
    State(state): State<AppState>,
    manager: Manager,
    Path(person_id): Path<String>,
    Json(input): Json<PauseInput>,
) -> AppResult<Json<PersonDetail>> {
    let schools = manager.person(&state.db, &person_id).await?;
    let school_id = which_school(&schools, input.school_id.as_deref())?;
    pause(&state.db, &person_id, &school_id, &input).await?;
    let detail = format!("{} to {}: {}", input.from, input.until, input.reason.trim());
    let scope = Scope::School(&school_id);
    note(
        &state,
        &manager,
        AuditAction::TrainingPaused,
        scope,
        Some(&person_id),
        detail,
    )
    .await?;
    let today = state.clock.now().date_naive();
    Ok(Json(
        person_detail(&state.db, &person_id, &schools, today).await?,
    ))
}

/// `?school_id=…`, needed when the person is at several of the caller's schools.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PauseQuery {
    /// The school whose pause ends.
    pub school_id: Option<String>,
}

/// Ends a pause: one not yet begun is removed, one under way ends yesterday; with no
/// pause, nothing changes.
#[utoipa::path(
    delete,
    path = "/people/{id}/pause",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A person's id"), PauseQuery),
    responses(
        (status = 200, description = "The person, without the pause", body = PersonDetail),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn delete_pause(
    State(state): State<AppState>,
    manager: Manager,
    Path(person_id): Path<String>,
    Query(query): Query<PauseQuery>,
) -> AppResult<Json<PersonDetail>> {
    let schools = manager.person(&state.db, &person_id).await?;
    let school_id = which_school(&schools, query.school_id.as_deref())?;
    let today = state.clock.now().date_naive();
    let detail = match end(&state.db, &person_id, &school_id, today).await? {
        Ended::Nothing => None,
        Ended::Removed => Some("removed before it began".to_string()),
        Ended::Shortened(p) => Some(format!("now ends {}", p.until)),
    };
    if let Some(detail) = detail {
        let scope = Scope::School(&school_id);
        note(
            &state,
            &manager,
            AuditAction::PauseEnded,
            scope,
            Some(&person_id),
            detail,
        )
        .await?;
    }
    Ok(Json(
        person_detail(&state.db, &person_id, &schools, today).await?,
    ))
}
