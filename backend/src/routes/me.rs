//! `GET /api/me` and `GET /api/me/modules`: the signed-in person and their training.

use attest_domain::api::{Me, ModuleSummary};
use axum::extract::State;
use axum::Json;

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::people::load_me;
use crate::state::AppState;
use crate::training::my_modules;

/// The signed-in person with their schools and groups.
#[utoipa::path(
    get,
    path = "/me",
    tag = "training",
    security(("attest_session" = [])),
    responses((status = 200, description = "The signed-in person", body = Me))
)]
pub async fn get_me(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<Me>> {
    Ok(Json(load_me(&state.db, &user.person_id).await?))
}

/// The signed-in person's assigned modules with status and due dates.
#[utoipa::path(
    get,
    path = "/me/modules",
    tag = "training",
    security(("attest_session" = [])),
    responses(
        (status = 200, description = "Assigned modules with status and due dates", body = Vec<ModuleSummary>),
    )
)]
pub async fn list_my_modules(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<ModuleSummary>>> {
    Ok(Json(
        my_modules(&state.db, &user.person_id, state.clock.now()).await?,
    ))
}
