//! The audit log of a school or a trust: a page of the newest lines, and every line as CSV.

use attest_domain::api::{ApiError, AuditAction, AuditEntry, AuditFilter};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Json;

use crate::audit::{self, Change, Scope};
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::routes::manage::download;
use crate::state::AppState;

/// A school's audit log, newest first (at most 500 lines; the CSV has them all).
#[utoipa::path(
    get,
    path = "/schools/{id}/audit",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id"), AuditFilter),
    responses(
        (status = 200, description = "Who changed what at the school", body = Vec<AuditEntry>),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_school_audit(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Query(filter): Query<AuditFilter>,
) -> AppResult<Json<Vec<AuditEntry>>> {
    manager.school(&school_id)?;
    Ok(Json(
        audit::list(&state.db, Scope::School(&school_id), &filter).await?,
    ))
}

/// A trust's audit log: its own lines and its schools', newest first.
#[utoipa::path(
    get,
    path = "/trusts/{id}/audit",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id"), AuditFilter),
    responses(
        (status = 200, description = "Who changed what across the trust", body = Vec<AuditEntry>),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's trusts", body = ApiError),
    )
)]
pub async fn get_trust_audit(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
    Query(filter): Query<AuditFilter>,
) -> AppResult<Json<Vec<AuditEntry>>> {
    manager.trust(&state.db, &trust_id).await?;
    Ok(Json(
        audit::list(&state.db, Scope::Trust(&trust_id), &filter).await?,
    ))
}

/// A school's whole audit log as CSV.
#[utoipa::path(
    get,
    path = "/schools/{id}/audit.csv",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id"), AuditFilter),
    responses(
        (status = 200, description = "Every matching line as CSV", content_type = "text/csv", body = String),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_school_audit_csv(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Query(filter): Query<AuditFilter>,
) -> AppResult<Response> {
    manager.school(&school_id)?;
    audit_download(&state, &manager, Scope::School(&school_id), &filter).await
}

/// A trust's whole audit log as CSV.
#[utoipa::path(
    get,
    path = "/trusts/{id}/audit.csv",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id"), AuditFilter),
    responses(
        (status = 200, description = "Every matching line as CSV", content_type = "text/csv", body = String),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's trusts", body = ApiError),
    )
)]
pub async fn get_trust_audit_csv(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
    Query(filter): Query<AuditFilter>,
) -> AppResult<Response> {
    manager.trust(&state.db, &trust_id).await?;
    audit_download(&state, &manager, Scope::Trust(&trust_id), &filter).await
}

async fn audit_download(
    state: &AppState,
    manager: &Manager,
    scope: Scope<'_>,
    filter: &AuditFilter,
) -> AppResult<Response> {
    let csv = audit::sheet(&state.db, scope, filter).await?;
    let now = state.clock.now();
    exported(state, manager, scope, None, "audit log CSV").await?;
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("audit-{}.csv", now.date_naive()),
        csv,
    ))
}

/// Records a change `manager` made, right after it succeeded (see [`crate::audit`]).
pub async fn note(
    state: &AppState,
    manager: &Manager,
    action: AuditAction,
    scope: Scope<'_>,
    target: Option<&str>,
    detail: impl Into<String>,
) -> AppResult<()> {
    let change = Change {
        action,
        scope,
        target,
        detail: detail.into(),
    };
    let mut conn = state.db.pool.acquire().await?;
    audit::record(&mut conn, manager, change, state.clock.now()).await
}

/// Records that `manager` took an export (`what`) of `scope`, about `target` if one person.
pub async fn exported(
    state: &AppState,
    manager: &Manager,
    scope: Scope<'_>,
    target: Option<&str>,
    what: &str,
) -> AppResult<()> {
    note(state, manager, AuditAction::Exported, scope, target, what).await
}
