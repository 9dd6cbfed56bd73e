//! How a school or a trust signs in through its own directory (OpenID Connect).

use attest_domain::api::{ApiError, AuditAction, DirectorySettings};
use axum::extract::{Path, State};
use axum::Json;

use crate::audit::{self, Change, Scope};
use crate::auth::oidc::providers;
use crate::auth::two_factor::rule::Place;
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::state::AppState;

/// A school's directory settings (empty when it has none; the secret is never read back).
#[utoipa::path(
    get,
    path = "/schools/{id}/directory",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    responses(
        (status = 200, description = "The school's directory settings", body = DirectorySettings),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_school_directory(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
) -> AppResult<Json<DirectorySettings>> {
    manager.school(&school_id)?;
    let provider = providers::of_place(&state.db, Place::School(&school_id)).await?;
    Ok(Json(providers::settings(provider)))
}

/// Sets how the school signs in through its directory.
#[utoipa::path(
    put,
    path = "/schools/{id}/directory",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    request_body = DirectorySettings,
    responses(
        (status = 200, description = "The settings as now stored", body = DirectorySettings),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "Another place signs in with one of the domains", body = ApiError),
        (status = 422, description = "A setting is missing or not valid", body = ApiError),
    )
)]
pub async fn update_school_directory(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Json(req): Json<DirectorySettings>,
) -> AppResult<Json<DirectorySettings>> {
    manager.school(&school_id)?;
    let place = Place::School(&school_id);
    update(&state, &manager, place, Scope::School(&school_id), &req).await
}

/// A trust's directory settings.
#[utoipa::path(
    get,
    path = "/trusts/{id}/directory",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id")),
    responses(
        (status = 200, description = "The trust's directory settings", body = DirectorySettings),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's trusts", body = ApiError),
    )
)]
pub async fn get_trust_directory(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
) -> AppResult<Json<DirectorySettings>> {
    manager.trust(&state.db, &trust_id).await?;
    let provider = providers::of_place(&state.db, Place::Trust(&trust_id)).await?;
    Ok(Json(providers::settings(provider)))
}

/// Sets how the trust (its central team and all its schools) signs in through its directory.
#[utoipa::path(
    put,
    path = "/trusts/{id}/directory",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id")),
    request_body = DirectorySettings,
    responses(
        (status = 200, description = "The settings as now stored", body = DirectorySettings),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's trusts", body = ApiError),
        (status = 409, description = "Another place signs in with one of the domains", body = ApiError),
        (status = 422, description = "A setting is missing or not valid", body = ApiError),
    )
)]
pub async fn update_trust_directory(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
    Json(req): Json<DirectorySettings>,
) -> AppResult<Json<DirectorySettings>> {
    manager.trust(&state.db, &trust_id).await?;
    let place = Place::Trust(&trust_id);
    update(&state, &manager, place, Scope::Trust(&trust_id), &req).await
}

async fn update(
    state: &AppState,
    manager: &Manager,
    place: Place<'_>,
    scope: Scope<'_>,
    req: &DirectorySettings,
) -> AppResult<Json<DirectorySettings>> {
    let now = state.clock.now();
    let detail = providers::save(&state.db, place, req, now).await?;
    let change = Change {
        action: AuditAction::DirectoryChanged,
        scope,
        target: None,
        detail,
    };
    let mut conn = state.db.pool.acquire().await?;
    audit::record(&mut conn, manager, change, now).await?;
    let provider = providers::of_place(&state.db, place).await?;
    Ok(Json(providers::settings(provider)))
}
