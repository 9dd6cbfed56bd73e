//! `GET /api/me/invitations`, and confirming or declining one: schools asking the
//! signed-in person to join them.

use attest_domain::api::{ApiError, Invitation};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::manage::members::invitations::{accept, decline, list};
use crate::state::AppState;

/// Schools asking the signed-in person to join them.
#[utoipa::path(
    get,
    path = "/me/invitations",
    tag = "training",
    security(("attest_session" = [])),
    responses((status = 200, description = "Open invitations, oldest first", body = Vec<Invitation>))
)]
pub async fn list_my_invitations(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<Invitation>>> {
    Ok(Json(list(&state.db, &user.person_id).await?))
}

/// Confirms joining the school: the person becomes a member with the groups it chose.
#[utoipa::path(
    post,
    path = "/me/invitations/{id}",
    tag = "training",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "An invitation's id")),
    responses(
        (status = 204, description = "Joined the school"),
        (status = 404, description = "No such invitation for the caller", body = ApiError),
    )
)]
pub async fn accept_invitation(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    accept(&state.db, &user.person_id, &id, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Declines joining the school; the request is withdrawn.
#[utoipa::path(
    delete,
    path = "/me/invitations/{id}",
    tag = "training",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "An invitation's id")),
    responses(
        (status = 204, description = "Declined"),
        (status = 404, description = "No such invitation for the caller", body = ApiError),
    )
)]
pub async fn decline_invitation(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    decline(&state.db, &user.person_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
