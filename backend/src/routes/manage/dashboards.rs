//! `GET /api/manage`, dashboards, the matrix (JSON and CSV) and the trust comparison.

use attest_domain::api::{ApiError, Dashboard, ManageScope, Matrix, MatrixQuery, TrustComparison};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Json;
use serde::Deserialize;

use crate::audit::Scope;
use crate::error::AppResult;
use crate::manage::access::{school_name, trust_name, Manager};
use crate::manage::compare::compare_trust;
use crate::manage::dashboard::BarsBy;
use crate::manage::evidence::matrix_csv;
use crate::manage::{matrix, views};
use crate::routes::manage::audit::exported;
use crate::routes::manage::download;
use crate::state::AppState;

/// The schools and trusts the signed-in manager may manage.
#[utoipa::path(
    get,
    path = "/manage",
    tag = "manage",
    security(("attest_session" = [])),
    responses(
        (status = 200, description = "The schools and trusts the caller manages", body = ManageScope),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
    )
)]
pub async fn get_manage_scope(
    State(state): State<AppState>,
    manager: Manager,
) -> AppResult<Json<ManageScope>> {
    Ok(Json(manager.scope(&state.db).await?))
}

/// `?weeks=`: how many weekly points the compliance line has (default 12).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// Weeks of history.
    pub weeks: Option<u32>,
}

/// A school's dashboard.
#[utoipa::path(
    get,
    path = "/schools/{id}/dashboard",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id"), DashboardQuery),
    responses(
        (status = 200, description = "The school's dashboard", body = Dashboard),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_school_dashboard(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Query(query): Query<DashboardQuery>,
) -> AppResult<Json<Dashboard>> {
    manager.school(&school_id)?;
    let name = school_name(&state.db, &school_id).await?;
    let schools = [school_id];
    Ok(Json(
        dashboard(&state, &schools, name, &query, BarsBy::Group).await?,
    ))
}

/// A trust's dashboard across its schools.
#[utoipa::path(
    get,
    path = "/trusts/{id}/dashboard",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id"), DashboardQuery),
    responses(
        (status = 200, description = "The trust's dashboard", body = Dashboard),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_trust_dashboard(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
    Query(query): Query<DashboardQuery>,
) -> AppResult<Json<Dashboard>> {
    let schools = manager.trust(&state.db, &trust_id).await?;
    let name = trust_name(&state.db, &trust_id).await?;
    Ok(Json(
        dashboard(&state, &schools, name, &query, BarsBy::School).await?,
    ))
}

/// The dashboard of a set of schools (one school, or a trust's), with overdue reviews.
async fn dashboard(
    state: &AppState,
    schools: &[String],
    name: String,
    query: &DashboardQuery,
    bars: BarsBy,
) -> AppResult<Dashboard> {
    let today = state.clock.now().date_naive();
    let weeks = query.weeks.unwrap_or(12);
    views::dashboard(
        &state.db,
        &state.standings,
        schools,
        name,
        today,
        weeks,
        bars,
    )
    .await
}

/// One page of a school's matrix.
#[utoipa::path(
    get,
    path = "/schools/{id}/matrix",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id"), MatrixQuery),
    responses(
        (status = 200, description = "One page of the matrix", body = Matrix),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "A filter or sort is not recognised", body = ApiError),
    )
)]
pub async fn get_school_matrix(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Query(query): Query<MatrixQuery>,
) -> AppResult<Json<Matrix>> {
    manager.school(&school_id)?;
    Ok(Json(matrix_page(&state, &[school_id], &query).await?))
}

/// One page of a trust's matrix (`?school=` narrows it to one of its schools).
#[utoipa::path(
    get,
    path = "/trusts/{id}/matrix",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id"), MatrixQuery),
    responses(
        (status = 200, description = "One page of the matrix", body = Matrix),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "A filter or sort is not recognised", body = ApiError),
    )
)]
pub async fn get_trust_matrix(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
    Query(query): Query<MatrixQuery>,
) -> AppResult<Json<Matrix>> {
    let schools = manager.trust(&state.db, &trust_id).await?;
    Ok(Json(matrix_page(&state, &schools, &query).await?))
}

/// One page of the matrix of a set of schools.
async fn matrix_page(
    state: &AppState,
    schools: &[String],
    query: &MatrixQuery,
) -> AppResult<Matrix> {
    let today = state.clock.now().date_naive();
    views::matrix_page(&state.db, &state.standings, schools, today, query).await
}

/// A school's whole matrix (filters apply, paging does not) as CSV.
#[utoipa::path(
    get,
    path = "/schools/{id}/matrix.csv",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id"), MatrixQuery),
    responses(
        (status = 200, description = "The whole matrix as CSV", content_type = "text/csv", body = String),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "A filter or sort is not recognised", body = ApiError),
    )
)]
pub async fn get_school_matrix_csv(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Query(query): Query<MatrixQuery>,
) -> AppResult<Response> {
    manager.school(&school_id)?;
    exported(
        &state,
        &manager,
        Scope::School(&school_id),
        None,
        "matrix CSV",
    )
    .await?;
    let ids = [school_id];
    matrix_download(&state, &ids, &query).await
}

/// A trust's whole matrix as CSV.
#[utoipa::path(
    get,
    path = "/trusts/{id}/matrix.csv",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id"), MatrixQuery),
    responses(
        (status = 200, description = "The whole matrix as CSV", content_type = "text/csv", body = String),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "A filter or sort is not recognised", body = ApiError),
    )
)]
pub async fn get_trust_matrix_csv(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
    Query(query): Query<MatrixQuery>,
) -> AppResult<Response> {
    let schools = manager.trust(&state.db, &trust_id).await?;
    exported(
        &state,
        &manager,
        Scope::Trust(&trust_id),
        None,
        "matrix CSV",
    )
    .await?;
    matrix_download(&state, &schools, &query).await
}

async fn matrix_download(
    state: &AppState,
    schools: &[String],
    query: &MatrixQuery,
) -> AppResult<Response> {
    let standings = state.standings.schools(&state.db, schools, false).await?;
    let today = state.clock.now().date_naive();
    let (columns, rows, _) = matrix::all_rows(standings.facts(), today, query)?;
    let csv = matrix_csv(&columns, &rows)?;
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("completion-{today}.csv"),
        csv,
    ))
}

/// A trust's schools compared topic by topic.
#[utoipa::path(
    get,
    path = "/trusts/{id}/compare",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id")),
    responses(
        (status = 200, description = "The trust's schools compared topic by topic", body = TrustComparison),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_trust_comparison(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
) -> AppResult<Json<TrustComparison>> {
    let schools = manager.trust(&state.db, &trust_id).await?;
    let name = trust_name(&state.db, &trust_id).await?;
    Ok(Json(compare_trust(&state.db, name, &schools).await?))
}
