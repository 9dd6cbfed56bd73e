//! Creating, renaming and closing schools and trusts in the app (the same as `attest admin`):
//! an administrator anywhere; a trust manager within their trust; a school manager may only
//! rename their own school. Each change is a line of the audit log.

use attest_domain::api::{
    count, ApiError, AuditAction, NamedRef, Naming, NewSchool, SchoolClosed, TimeZoneSetting,
};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use crate::admin;
use crate::audit::Scope;
use crate::error::{AppError, AppResult};
use crate::manage::access::Manager;
use crate::on_db;
use crate::routes::manage::audit::note;
use crate::state::AppState;

/// The trust a school belongs to, if any; 404 if there is no such school.
async fn trust_of(state: &AppState, school_id: &str) -> AppResult<Option<String>> {
    let row: Option<(Option<String>,)> = on_db!(state.db, |e| sqlx::query_as(
        "SELECT trust_id FROM schools WHERE id = $1"
    )
    .bind(school_id)
    .fetch_optional(e)
    .await)?;
    row.map(|(t,)| t).ok_or(AppError::NotFound("school"))
}

/// Ok if the manager runs the school's trust (or is an administrator): closing a school is
/// theirs. 403 for a school manager, 404 for a school outside their reach.
async fn runs_school(state: &AppState, manager: &Manager, school_id: &str) -> AppResult<()> {
    if manager.rank() < 2 {
        return Err(AppError::NotYourRole(
            "closing a school is for its trust's team or an administrator",
        ));
    }
    manager.school(school_id)?;
    let trust = trust_of(state, school_id).await?;
    if manager.admin || trust.is_some_and(|t| manager.trusts.contains(&t)) {
        Ok(())
    } else {
        Err(AppError::NotFound("school"))
    }
}

/// Notes a change of schools or trusts in the audit log of the place it changed.
async fn noted(
    state: &AppState,
    manager: &Manager,
    scope: Scope<'_>,
    id: &str,
    detail: String,
) -> AppResult<()> {
    let action = AuditAction::OrganisationChanged;
    note(state, manager, action, scope, Some(id), detail).await
}

/// Creates a school in one of the caller's trusts (or, for an administrator, on its own).
#[utoipa::path(
    post,
    path = "/schools",
    tag = "manage",
    security(("attest_session" = [])),
    request_body = NewSchool,
    responses(
        (status = 201, description = "The new school", body = NamedRef),
        (status = 403, description = "Not a trust manager or administrator", body = ApiError),
        (status = 404, description = "The trust is not the caller's", body = ApiError),
        (status = 422, description = "No name, or one too long", body = ApiError),
    )
)]
pub async fn create_school(
    State(state): State<AppState>,
    manager: Manager,
    Json(req): Json<NewSchool>,
) -> AppResult<(StatusCode, Json<NamedRef>)> {
    match &req.trust_id {
        _ if manager.rank() < 2 => {
            return Err(AppError::NotYourRole(
                "a school is added by its trust's team or an administrator",
            ))
        }
        Some(trust) if !manager.trusts.contains(trust) => return Err(AppError::NotFound("trust")),
        None if !manager.admin => {
            return Err(AppError::NotYourRole(
                "only an administrator adds a school outside a trust",
            ))
        }
        _ => {}
    }
    let name = admin::checked_name(&req.name)?;
    let id = admin::create_school(&state.db, req.trust_id.as_deref(), &name).await?;
    let detail = format!("created the school {name}");
    noted(&state, &manager, Scope::School(&id), &id, detail).await?;
    Ok((StatusCode::CREATED, Json(NamedRef { id, name })))
}

/// Creates a trust (administrators only).
#[utoipa::path(
    post,
    path = "/trusts",
    tag = "manage",
    security(("attest_session" = [])),
    request_body = Naming,
    responses(
        (status = 201, description = "The new trust", body = NamedRef),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 422, description = "No name, or one too long", body = ApiError),
    )
)]
pub async fn create_trust(
    State(state): State<AppState>,
    manager: Manager,
    Json(req): Json<Naming>,
) -> AppResult<(StatusCode, Json<NamedRef>)> {
    if !manager.admin {
        return Err(AppError::NotYourRole("only an administrator adds a trust"));
    }
    let name = admin::checked_name(&req.name)?;
    let id = admin::create_trust(&state.db, &name).await?;
    let detail = format!("created the trust {name}");
    noted(&state, &manager, Scope::Trust(&id), &id, detail).await?;
    Ok((StatusCode::CREATED, Json(NamedRef { id, name })))
}

/// A school or a trust, as a rename names it.
#[derive(Clone, Copy)]
enum Place {
    School,
    Trust,
}

/// Renames a school or trust (the caller's reach already checked) and notes it.
async fn rename(
    state: &AppState,
    manager: &Manager,
    place: Place,
    id: String,
    name: &str,
) -> AppResult<Json<NamedRef>> {
    let (table, word, scope) = match place {
        Place::School => ("schools", "school", Scope::School(&id)),
        Place::Trust => ("trusts", "trust", Scope::Trust(&id)),
    };
    let (old,): (String,) = on_db!(state.db, |e| sqlx::query_as(&format!(
        "SELECT name FROM {table} WHERE id = $1"
    ))
    .bind(&id)
    .fetch_one(e)
    .await)?;
    let name = admin::checked_name(name)?;
    match place {
        Place::School => admin::rename_school(&state.db, &id, &name).await?,
        Place::Trust => admin::rename_trust(&state.db, &id, &name).await?,
    }
    let detail = format!("renamed the {word} {old} to {name}");
    noted(state, manager, scope, &id, detail).await?;
    Ok(Json(NamedRef { id, name }))
}

/// Renames a school the caller manages.
#[utoipa::path(
    put,
    path = "/schools/{id}",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    request_body = Naming,
    responses(
        (status = 200, description = "Renamed", body = NamedRef),
        (status = 403, description = "Not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "No name, or one too long", body = ApiError),
    )
)]
pub async fn rename_school(
    State(state): State<AppState>,
    manager: Manager,
    Path(id): Path<String>,
    Json(req): Json<Naming>,
) -> AppResult<Json<NamedRef>> {
    manager.school(&id)?;
    rename(&state, &manager, Place::School, id, &req.name).await
}

/// Renames a trust whose central team the caller is in.
#[utoipa::path(
    put,
    path = "/trusts/{id}",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id")),
    request_body = Naming,
    responses(
        (status = 200, description = "Renamed", body = NamedRef),
        (status = 403, description = "Not a manager", body = ApiError),
        (status = 404, description = "Not found, or not the caller's trust", body = ApiError),
        (status = 422, description = "No name, or one too long", body = ApiError),
    )
)]
pub async fn rename_trust(
    State(state): State<AppState>,
    manager: Manager,
    Path(id): Path<String>,
    Json(req): Json<Naming>,
) -> AppResult<Json<NamedRef>> {
    manager.trust(&state.db, &id).await?;
    rename(&state, &manager, Place::Trust, id, &req.name).await
}

/// Closes a school: every member leaves it today; its records stay as evidence.
#[utoipa::path(
    post,
    path = "/schools/{id}/close",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    responses(
        (status = 200, description = "Closed", body = SchoolClosed),
        (status = 403, description = "Not a trust manager or administrator", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's trusts", body = ApiError),
    )
)]
pub async fn close_school(
    State(state): State<AppState>,
    manager: Manager,
    Path(id): Path<String>,
) -> AppResult<Json<SchoolClosed>> {
    runs_school(&state, &manager, &id).await?;
    let (name,): (String,) = on_db!(state.db, |e| sqlx::query_as(
        "SELECT name FROM schools WHERE id = $1"
    )
    .bind(&id)
    .fetch_one(e)
    .await)?;
    let members_left = admin::close_school(&state.db, &id, state.clock.now()).await?;
    let left = count(members_left, "member", "members");
    let detail = format!("closed the school {name}: {left} left it");
    noted(&state, &manager, Scope::School(&id), &id, detail).await?;
    Ok(Json(SchoolClosed { members_left }))
}

/// Sets the time zone a school's times are shown in (a school's managers, or its trust's).
#[utoipa::path(
    put,
    path = "/schools/{id}/time-zone",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    request_body = TimeZoneSetting,
    responses(
        (status = 200, description = "Set", body = TimeZoneSetting),
        (status = 403, description = "Not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "Not a time zone", body = ApiError),
    )
)]
pub async fn set_time_zone(
    State(state): State<AppState>,
    manager: Manager,
    Path(id): Path<String>,
    Json(req): Json<TimeZoneSetting>,
) -> AppResult<Json<TimeZoneSetting>> {
    manager.school(&id)?;
    let zone = crate::zone::parse(&req.time_zone)?;
    let old = crate::zone::of_school(&state.db, &id).await?;
    crate::zone::set(&state.db, &id, zone).await?;
    let detail = format!("set the time zone from {} to {}", old.name(), zone.name());
    noted(&state, &manager, Scope::School(&id), &id, detail).await?;
    Ok(Json(TimeZoneSetting {
        time_zone: zone.name().to_string(),
    }))
}
