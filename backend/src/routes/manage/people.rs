//! People: a person's page, add and edit one person, the import template and the CSV import.

use attest_domain::api::{
    Accepted, ApiError, ImportColumns, ImportReport, PersonDetail, PersonInput,
};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use crate::audit::Scope;
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::manage::import_columns::remembered;
use crate::manage::people::{add_person, edit_person, school_ref, which_school, Added};
use crate::manage::people_import::{import, ImportOptions, TEMPLATE};
use crate::manage::person::person_detail;
use crate::routes::manage::audit::note;
use crate::routes::manage::download;
use crate::state::AppState;
use attest_domain::api::AuditAction;

/// The largest people CSV an import accepts.
pub const MAX_IMPORT: usize = 5 * 1024 * 1024;

/// A person's full history at the manager's schools.
#[utoipa::path(
    get,
    path = "/people/{id}",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A person's id")),
    responses(
        (status = 200, description = "The person's history at the caller's schools", body = PersonDetail),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
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

/// Adds one person to a school: a member already is updated; someone whose account is
/// another school's is asked to confirm joining (202), and nothing of theirs changes.
#[utoipa::path(
    post,
    path = "/schools/{id}/people",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    request_body = PersonInput,
    responses(
        (status = 201, description = "The added person", body = PersonDetail),
        (status = 202, description = "They have an account elsewhere and are asked to confirm", body = Accepted),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "Conflicts with a stored person", body = ApiError),
    )
)]
pub async fn create_person(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Json(input): Json<PersonInput>,
) -> AppResult<Response> {
    manager.school(&school_id)?;
    let now = state.clock.now();
    let id = match add_person(&state.db, &school_id, &input, &manager, now).await? {
        Added::Member(id) => {
            let groups = input.groups.join(", ");
            let detail = format!("groups: {groups}; start date {}", input.start_date);
            note(
                &state,
                &manager,
                AuditAction::PersonAdded,
                Scope::School(&school_id),
                Some(&id),
                detail,
            )
            .await?;
            id
        }
        Added::Invited => {
            let detail = format!("asked {} to join", input.email);
            note(
                &state,
                &manager,
                AuditAction::PersonInvited,
                Scope::School(&school_id),
                None,
                detail,
            )
            .await?;
            let message = INVITED.to_string();
            return Ok((StatusCode::ACCEPTED, Json(Accepted { message })).into_response());
        }
    };
    let schools = manager.person(&state.db, &id).await?;
    let detail = person_detail(&state.db, &id, &schools, now.date_naive()).await?;
    Ok((StatusCode::CREATED, Json(detail)).into_response())
}

/// What a manager is told when the person they added is invited.
pub const INVITED: &str = "This person already has an Attest account through another school. \
     We have asked them to confirm joining yours; they will appear here when they do.";

/// Edits a person's details at one of their (managed) schools.
#[utoipa::path(
    put,
    path = "/people/{id}",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A person's id")),
    request_body = PersonInput,
    responses(
        (status = 200, description = "The edited person", body = PersonDetail),
        (status = 403, description = "Not a manager, or their name or email is not the caller's to change", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "The email cannot be used", body = ApiError),
    )
)]
pub async fn update_person(
    State(state): State<AppState>,
    manager: Manager,
    Path(person_id): Path<String>,
    Json(input): Json<PersonInput>,
) -> AppResult<Json<PersonDetail>> {
    let schools = manager.person(&state.db, &person_id).await?;
    let school_id = which_school(&schools, input.school_id.as_deref())?;
    let now = state.clock.now();
    edit_person(&state.db, &person_id, &school_id, &input, &manager, now).await?;
    let leaving = if input.active == Some(false) {
        "; marked as a leaver"
    } else {
        ""
    };
    let detail = format!(
        "name, email, groups ({}), start date {}{leaving}",
        input.groups.join(", "),
        input.start_date
    );
    let scope = Scope::School(&school_id);
    note(
        &state,
        &manager,
        AuditAction::PersonEdited,
        scope,
        Some(&person_id),
        detail,
    )
    .await?;
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
#[utoipa::path(
    get,
    path = "/schools/{id}/people/template.csv",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    responses(
        (status = 200, description = "The CSV template for imports", content_type = "text/csv", body = String),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
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

/// `?dry_run=true&deactivate_missing=true&confirm_leavers=…&email=Work%20Email…`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Only preview.
    #[serde(default)]
    pub dry_run: bool,
    /// Mark staff missing from the file as leavers.
    #[serde(default)]
    pub deactivate_missing: bool,
    /// The preview's `leavers_confirmation`: marks exactly the leavers it listed.
    pub confirm_leavers: Option<String>,
    /// The heading of the whole name's column (empty: none).
    pub name: Option<String>,
    /// The heading of the first name's column.
    pub first_name: Option<String>,
    /// The heading of the last name's column.
    pub last_name: Option<String>,
    /// The heading of the email's column.
    pub email: Option<String>,
    /// The heading of the groups' (or role's) column.
    pub groups: Option<String>,
    /// The heading of the start date's column.
    pub start_date: Option<String>,
    /// The heading of the school's column.
    pub school: Option<String>,
}

impl ImportQuery {
    /// The columns the manager chose.
    fn columns(&self) -> ImportColumns {
        ImportColumns {
            name: self.name.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            email: self.email.clone(),
            groups: self.groups.clone(),
            start_date: self.start_date.clone(),
            school: self.school.clone(),
        }
    }
}

/// Imports a staff file (the request body); 422 with the per-line errors if any line is
/// refused, 409 if leavers were to be marked without the preview's confirmation of them.
#[utoipa::path(
    post,
    path = "/schools/{id}/people/import",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id"), ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The staff file: the template, or an MIS export (CSV or tab-separated, UTF-8 or UTF-16)"),
    responses(
        (status = 200, description = "What the import did (or would do)", body = ImportReport),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "The leavers were not confirmed; nothing was changed", body = ImportReport),
        (status = 422, description = "Lines were refused; nothing was changed", body = ImportReport),
    )
)]
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
        confirm_leavers: query.confirm_leavers.clone(),
    };
    let remembered = remembered(&state.db, &school_id).await?;
    let report = import(
        &state.db,
        &school,
        &body,
        (&query.columns(), &remembered),
        options,
        &manager,
        state.clock.now(),
    )
    .await?;
    if report.applied {
        if report.created + report.reactivated > 0 {
            // New and returning staff get their welcome and first reminder now, not at the
            // next daily sweep.
            state.settings.sweep_waker.notify_one();
        }
        let detail = format!(
            "{} added, {} changed, {} back, {} marked as leavers",
            report.created, report.updated, report.reactivated, report.deactivated
        );
        let scope = Scope::School(&school_id);
        note(
            &state,
            &manager,
            AuditAction::PeopleImported,
            scope,
            None,
            detail,
        )
        .await?;
    }
    let status = if report.applied || query.dry_run {
        StatusCode::OK
    } else if report.errors.is_empty() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(report)))
}
