//! Whether a school or a trust requires two-factor sign-in of its managers.

use attest_domain::api::{ApiError, AuditAction, TwoFactorRule};
use axum::extract::{Path, State};
use axum::Json;

use crate::audit::{self, Change, Scope};
use crate::auth::two_factor::{enrol, rule, rule::Place};
use crate::error::{AppError, AppResult};
use crate::manage::access::Manager;
use crate::state::AppState;

/// A school's rule, and whether its trust requires it anyway.
#[utoipa::path(
    get,
    path = "/schools/{id}/two-factor",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    responses(
        (status = 200, description = "Whether the school requires it", body = TwoFactorRule),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_school_two_factor(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
) -> AppResult<Json<TwoFactorRule>> {
    manager.school(&school_id)?;
    Ok(Json(rule::get(&state.db, Place::School(&school_id)).await?))
}

/// Requires (or stops requiring) two-factor sign-in of the school's managers.
#[utoipa::path(
    put,
    path = "/schools/{id}/two-factor",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    request_body = TwoFactorRule,
    responses(
        (status = 200, description = "The rule as now stored", body = TwoFactorRule),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "The caller has not set up two-factor sign-in", body = ApiError),
    )
)]
pub async fn update_school_two_factor(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Json(req): Json<TwoFactorRule>,
) -> AppResult<Json<TwoFactorRule>> {
    manager.school(&school_id)?;
    let place = Place::School(&school_id);
    update(
        &state,
        &manager,
        place,
        Scope::School(&school_id),
        req.required,
    )
    .await
}

/// A trust's rule.
#[utoipa::path(
    get,
    path = "/trusts/{id}/two-factor",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id")),
    responses(
        (status = 200, description = "Whether the trust requires it", body = TwoFactorRule),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's trusts", body = ApiError),
    )
)]
pub async fn get_trust_two_factor(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
) -> AppResult<Json<TwoFactorRule>> {
    manager.trust(&state.db, &trust_id).await?;
    Ok(Json(rule::get(&state.db, Place::Trust(&trust_id)).await?))
}

/// Requires (or stops requiring) two-factor sign-in of the trust's central team and of every
/// manager of its schools.
#[utoipa::path(
    put,
    path = "/trusts/{id}/two-factor",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id")),
    request_body = TwoFactorRule,
    responses(
        (status = 200, description = "The rule as now stored", body = TwoFactorRule),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's trusts", body = ApiError),
        (status = 422, description = "The caller has not set up two-factor sign-in", body = ApiError),
    )
)]
pub async fn update_trust_two_factor(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
    Json(req): Json<TwoFactorRule>,
) -> AppResult<Json<TwoFactorRule>> {
    manager.trust(&state.db, &trust_id).await?;
    let place = Place::Trust(&trust_id);
    update(
        &state,
        &manager,
        place,
        Scope::Trust(&trust_id),
        req.required,
    )
    .await
}

/// Stores the rule and records a change; requiring it is refused to a manager who has not set
/// it up themselves (they would be sent to do so at once, mid-task).
async fn update(
    state: &AppState,
    manager: &Manager,
    place: Place<'_>,
    scope: Scope<'_>,
    required: bool,
) -> AppResult<Json<TwoFactorRule>> {
    if required && !enrol::enrolled(&state.db, &manager.person_id).await? {
        return Err(AppError::Unprocessable(
            "Set up two-factor sign-in for yourself before you require it of others.".into(),
        ));
    }
    let now = state.clock.now();
    if rule::set(&state.db, place, required).await? {
        let detail = if required { "required" } else { "not required" };
        let change = Change {
            action: AuditAction::TwoFactorRuleChanged,
            scope,
            target: None,
            detail: detail.into(),
        };
        let mut conn = state.db.pool.acquire().await?;
        audit::record(&mut conn, manager, change, now).await?;
    }
    Ok(Json(rule::get(&state.db, place).await?))
}
