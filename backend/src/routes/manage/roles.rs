//! Giving and taking away the managing roles: school manager, trust manager, administrator.

use attest_domain::api::{ApiError, AuditAction, RoleChange, RoleGranted};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::admin::{self, Role};
use crate::audit::{self, Change};
use crate::db::Connected;
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::manage::grants;
use crate::state::AppState;

/// What a role is called in the log.
fn label(role: &Role) -> &'static str {
    match role {
        Role::SchoolManager { .. } => "school manager",
        Role::TrustManager { .. } => "trust manager",
        Role::Admin { .. } => "administrator",
    }
}

/// Notes the change in the caller's transaction, so the role and its audit line stand or fall together.
async fn record(
    conn: &mut impl Connected,
    now: chrono::DateTime<chrono::Utc>,
    manager: &Manager,
    role: &Role,
    action: AuditAction,
    person_id: &str,
) -> AppResult<()> {
    if let Some(scope) = grants::scope(role) {
        let change = Change {
            action,
            scope,
            target: Some(person_id),
            detail: label(role).into(),
        };
        audit::record(conn, manager, change, now).await?;
    }
    Ok(())
}

/// Gives someone a managing role (adding them, with a name, if they are new, and inviting
/// them to sign in). Never above the caller's own role, only where the caller manages.
#[utoipa::path(
    post,
    path = "/roles",
    tag = "manage",
    security(("attest_session" = [])),
    request_body = RoleChange,
    responses(
        (status = 200, description = "The role is held", body = RoleGranted),
        (status = 403, description = "Not a manager, or the role (or one the person holds) is above the caller's own", body = ApiError),
        (status = 404, description = "The place is not the caller's", body = ApiError),
        (status = 422, description = "No such role there, or a new person without a name", body = ApiError),
    )
)]
pub async fn create_role(
    State(state): State<AppState>,
    manager: Manager,
    Json(req): Json<RoleChange>,
) -> AppResult<Json<RoleGranted>> {
    let role = grants::allowed(&manager, &req)?;
    grants::not_above(&state.db, &manager, &req.email).await?;
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    let person_id = admin::grant(&mut tx, &req.email, req.name.as_deref(), &role, now).await?;
    let action = AuditAction::RoleGranted;
    record(&mut tx, now, &manager, &role, action, &person_id).await?;
    tx.commit().await?;
    let (mailed, message) = grants::invite(&state.db, &req.email, now).await?;
    if mailed {
        state.settings.mail_waker.notify_one();
    }
    Ok(Json(RoleGranted { person_id, message }))
}

/// Takes a managing role away (a school manager stays a member of staff there).
#[utoipa::path(
    post,
    path = "/roles/revoke",
    tag = "manage",
    security(("attest_session" = [])),
    request_body = RoleChange,
    responses(
        (status = 204, description = "The role is no longer held"),
        (status = 403, description = "Not a manager, or the role (or one the person holds) is above the caller's own", body = ApiError),
        (status = 404, description = "The place is not the caller's, or the person does not hold the role", body = ApiError),
        (status = 422, description = "No such role there", body = ApiError),
    )
)]
pub async fn revoke_role(
    State(state): State<AppState>,
    manager: Manager,
    Json(req): Json<RoleChange>,
) -> AppResult<StatusCode> {
    let role = grants::allowed(&manager, &req)?;
    grants::not_above(&state.db, &manager, &req.email).await?;
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    let person_id = admin::revoke(&mut tx, &req.email, &role).await?;
    let action = AuditAction::RoleRevoked;
    record(&mut tx, now, &manager, &role, action, &person_id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
