//! A school's reminder log, "remind now", and its holiday calendar (managers only).

use attest_domain::api::{
    ApiError, AuditAction, Holiday, NewHoliday, RemindNow, RemindNowResult, ReminderEntry,
};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use crate::audit::Scope;
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::reminders::calendar::{add_holiday, delete_holiday, list_holidays};
use crate::reminders::manual::remind_now;
use crate::reminders::outbox::school_log;
use crate::routes::manage::audit::note;
use crate::state::AppState;

/// `GET /api/schools/{school_id}/reminders`: the reminder log, newest first.
#[utoipa::path(
    get,
    path = "/schools/{school_id}/reminders",
    tag = "reminders",
    security(("attest_session" = [])),
    params(
        ("school_id" = String, Path, description = "A school the caller manages"),
    ),
    responses(
        (status = 200, description = "The reminder log, newest first", body = Vec<ReminderEntry>),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "No such school managed by the caller", body = ApiError),
    )
)]
pub async fn list_reminders(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
) -> AppResult<Json<Vec<ReminderEntry>>> {
    manager.school(&school_id)?;
    Ok(Json(school_log(&state.db, &school_id).await?))
}

/// `POST /api/schools/{school_id}/reminders`: remind a person or a group now.
#[utoipa::path(
    post,
    path = "/schools/{school_id}/reminders",
    tag = "reminders",
    security(("attest_session" = [])),
    params(
        ("school_id" = String, Path, description = "A school the caller manages"),
    ),
    request_body = RemindNow,
    responses(
        (status = 202, description = "Reminders queued", body = RemindNowResult),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "No such school managed by the caller", body = ApiError),
        (status = 422, description = "Nobody to remind: nothing outstanding", body = ApiError),
        (status = 429, description = "Already reminded today", body = ApiError),
    )
)]
pub async fn create_reminders(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Json(req): Json<RemindNow>,
) -> AppResult<(StatusCode, Json<RemindNowResult>)> {
    manager.school(&school_id)?;
    let person = req.person_id.clone();
    let whom = req
        .group
        .as_deref()
        .map(|g| format!(" to the {g} group"))
        .unwrap_or_default();
    let result = remind_now(&state.db, &school_id, req, state.clock.now()).await?;
    state.settings.mail_waker.notify_one();
    let detail = format!(
        "{} queued{whom}, {} left out",
        result.queued, result.skipped
    );
    let scope = Scope::School(&school_id);
    note(
        &state,
        &manager,
        AuditAction::RemindersSent,
        scope,
        person.as_deref(),
        detail,
    )
    .await?;
    Ok((StatusCode::ACCEPTED, Json(result)))
}

/// `GET /api/schools/{school_id}/holidays`: the school's holiday periods.
#[utoipa::path(
    get,
    path = "/schools/{school_id}/holidays",
    tag = "reminders",
    security(("attest_session" = [])),
    params(
        ("school_id" = String, Path, description = "A school the caller manages"),
    ),
    responses(
        (status = 200, description = "The school's holiday periods", body = Vec<Holiday>),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "No such school managed by the caller", body = ApiError),
    )
)]
pub async fn list_school_holidays(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
) -> AppResult<Json<Vec<Holiday>>> {
    manager.school(&school_id)?;
    Ok(Json(list_holidays(&state.db, &school_id).await?))
}

/// `POST /api/schools/{school_id}/holidays`: adds a holiday period.
#[utoipa::path(
    post,
    path = "/schools/{school_id}/holidays",
    tag = "reminders",
    security(("attest_session" = [])),
    params(
        ("school_id" = String, Path, description = "A school the caller manages"),
    ),
    request_body = NewHoliday,
    responses(
        (status = 201, description = "The new holiday period", body = Holiday),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "No such school managed by the caller", body = ApiError),
    )
)]
pub async fn create_school_holiday(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Json(req): Json<NewHoliday>,
) -> AppResult<(StatusCode, Json<Holiday>)> {
    manager.school(&school_id)?;
    let holiday = add_holiday(&state.db, &school_id, req, state.clock.now()).await?;
    let detail = format!(
        "{}: {} to {}",
        holiday.name, holiday.first_day, holiday.last_day
    );
    let scope = Scope::School(&school_id);
    note(
        &state,
        &manager,
        AuditAction::HolidayAdded,
        scope,
        None,
        detail,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(holiday)))
}

/// `DELETE /api/schools/{school_id}/holidays/{holiday_id}`: removes one.
#[utoipa::path(
    delete,
    path = "/schools/{school_id}/holidays/{holiday_id}",
    tag = "reminders",
    security(("attest_session" = [])),
    params(
        ("school_id" = String, Path, description = "A school the caller manages"),
        ("holiday_id" = String, Path, description = "One of its holiday periods"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "No such school or holiday", body = ApiError),
    )
)]
pub async fn delete_school_holiday(
    State(state): State<AppState>,
    manager: Manager,
    Path((school_id, holiday_id)): Path<(String, String)>,
) -> AppResult<StatusCode> {
    manager.school(&school_id)?;
    let detail = delete_holiday(&state.db, &school_id, &holiday_id).await?;
    let scope = Scope::School(&school_id);
    note(
        &state,
        &manager,
        AuditAction::HolidayRemoved,
        scope,
        None,
        detail,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
