//! `GET /api/me/export` and `GET /api/people/{id}/export`: subject access exports.

use attest_domain::api::{ApiError, PersonalDataExport};
use axum::extract::{Path, State};
use axum::Json;

use crate::audit::Scope;
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::privacy::{export_person, ExportScope};
use crate::routes::manage::audit::exported;
use crate::state::AppState;

/// Everything Attest holds about the signed-in person.
#[utoipa::path(
    get,
    path = "/me/export",
    tag = "privacy",
    security(("attest_session" = [])),
    responses((status = 200, description = "Everything held about the signed-in person", body = PersonalDataExport))
)]
pub async fn get_my_export(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<PersonalDataExport>> {
    Ok(Json(
        export_person(
            &state.db,
            &user.person_id,
            ExportScope::Everything,
            state.clock.now(),
        )
        .await?,
    ))
}

/// What Attest holds about a person from the manager's schools only (404 outside them):
/// another school's records are that school's to give.
#[utoipa::path(
    get,
    path = "/people/{id}/export",
    tag = "privacy",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A person's id")),
    responses(
        (status = 200, description = "Everything held about the person", body = PersonalDataExport),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_person_export(
    State(state): State<AppState>,
    manager: Manager,
    Path(id): Path<String>,
) -> AppResult<Json<PersonalDataExport>> {
    let schools = manager.person(&state.db, &id).await?;
    let scope = ExportScope::Schools(&schools);
    let export = export_person(&state.db, &id, scope, state.clock.now()).await?;
    for school in &schools {
        let scope = Scope::School(school);
        exported(&state, &manager, scope, Some(&id), "personal data export").await?;
    }
    Ok(Json(export))
}
