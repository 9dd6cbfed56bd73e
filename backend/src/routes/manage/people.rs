//! People: a person's page, add and edit one person, the import template and the CSV import.

use attest_domain::api::{ImportReport, PersonDetail, PersonInput};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::manage::access::Manager;
use crate::manage::people::{add_person, edit_person, school_ref};
use crate::manage::people_import::{import, ImportOptions, TEMPLATE};
use crate::manage::person::person_detail;
use crate::routes::manage::download;
use crate::state::AppState;

/// A person's full history at the manager's schools.
pub async fn get_person(
    State(state): State<AppState>,
    manager: Manager,
    Path(person_id): Path<String>,
) -> AppResult<Json<PersonDetail>> {
    let schools = manager.person(&state.db, &person_id).await?;
    let today = state.clock.now().date_naive();
    Ok(Json(
        person_detail(&state.db, &person_id, &schools, today).await?,
    ))
}

/// Adds one person to a school (an existing email is updated instead).
pub async fn create_person(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Json(input): Json<PersonInput>,
) -> AppResult<(StatusCode, Json<PersonDetail>)> {
    manager.school(&school_id)?;
    let id = add_person(&state.db, &school_id, &input, state.clock.now()).await?;
    let schools = manager.person(&state.db, &id).await?;
    let detail = person_detail(&state.db, &id, &schools, state.clock.now().date_naive()).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// Edits a person's details at one of their (managed) schools.
pub async fn update_person(
    State(state): State<AppState>,
    manager: Manager,
    Path(person_id): Path<String>,
    Json(input): Json<PersonInput>,
) -> AppResult<Json<PersonDetail>> {
    let schools = manager.person(&state.db, &person_id).await?;
    let school_id = match input.school_id.as_deref() {
        Some(id) if schools.iter().any(|s| s == id) => id.to_string(),
        Some(_) => return Err(AppError::NotFound("school")),
        None if schools.len() == 1 => schools[0].clone(),
        None => {
            return Err(AppError::Unprocessable(
                "this person is at several of your schools; say which (school_id)".into(),
            ))
        }
    };
    edit_person(&state.db, &person_id, &school_id, &input, state.clock.now()).await?;
    let detail = person_detail(
        &state.db,
        &person_id,
        &schools,
        state.clock.now().date_naive(),
    )
    .await?;
    Ok(Json(detail))
}

/// The CSV template for imports.
pub async fn get_people_template(
    manager: Manager,
    Path(school_id): Path<String>,
) -> AppResult<Response> {
    manager.school(&school_id)?;
    Ok(download(
        "text/csv; charset=utf-8",
        "people-template.csv",
        TEMPLATE,
    ))
}

/// `?dry_run=true&deactivate_missing=true`.
#[derive(Debug, Deserialize)]
pub struct ImportQuery {
    /// Only preview.
    #[serde(default)]
    pub dry_run: bool,
    /// Mark staff missing from the file as leavers.
    #[serde(default)]
    pub deactivate_missing: bool,
}

/// Imports a CSV file (the request body); 422 with the per-line errors if any line is refused.
pub async fn import_people(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Query(query): Query<ImportQuery>,
    body: Bytes,
) -> AppResult<(StatusCode, Json<ImportReport>)> {
    manager.school(&school_id)?;
    let school = school_ref(&state.db, &school_id).await?;
    let options = ImportOptions {
        dry_run: query.dry_run,
        deactivate_missing: query.deactivate_missing,
    };
    let report = import(&state.db, &school, &body, options, state.clock.now()).await?;
    let status = if report.errors.is_empty() || query.dry_run {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(report)))
}
