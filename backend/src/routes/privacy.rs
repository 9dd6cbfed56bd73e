//! `GET /api/me/export` and `GET /api/people/{id}/export`: subject access exports.

use attest_domain::api::PersonalDataExport;
use axum::extract::{Path, State};
use axum::Json;

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::privacy::export_person;
use crate::state::AppState;

/// Everything Attest holds about the signed-in person.
pub async fn get_my_export(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<PersonalDataExport>> {
    Ok(Json(
        export_person(&state.db, &user.person_id, state.clock.now()).await?,
    ))
}

/// Everything Attest holds about a person at the manager's schools (404 outside them).
pub async fn get_person_export(
    State(state): State<AppState>,
    manager: Manager,
    Path(person_id): Path<String>,
) -> AppResult<Json<PersonalDataExport>> {
    manager.person(&state.db, &person_id).await?;
    Ok(Json(
        export_person(&state.db, &person_id, state.clock.now()).await?,
    ))
}
