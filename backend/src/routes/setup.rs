//! `POST /api/setup`: the first-start set-up (see [`crate::admin::setup`]).

use attest_domain::api::{Accepted, ApiError, SetupRequest};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::admin::setup::set_up;
use crate::error::AppResult;
use crate::state::AppState;

/// Creates the first trust or school and its administrator, with the console's token.
#[utoipa::path(
    post,
    path = "/setup",
    tag = "admin",
    request_body = SetupRequest,
    responses(
        (status = 201, description = "Set up: the administrator may sign in", body = Accepted),
        (status = 403, description = "Not the token the server printed", body = ApiError),
        (status = 404, description = "Nothing to set up", body = ApiError),
        (status = 409, description = "Already set up", body = ApiError),
        (status = 422, description = "The form is not complete", body = ApiError),
    )
)]
pub async fn create_setup(
    State(state): State<AppState>,
    Json(request): Json<SetupRequest>,
) -> AppResult<(StatusCode, Json<Accepted>)> {
    set_up(
        &state.db,
        &state.settings.setup,
        &request,
        state.clock.now(),
    )
    .await?;
    let message = "Attest is set up. Sign in with the administrator's email and password.".into();
    Ok((StatusCode::CREATED, Json(Accepted { message })))
}
