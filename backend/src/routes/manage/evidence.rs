//! Evidence downloads: all attestations as CSV, the evidence report as JSON or PDF.

use attest_domain::api::ApiError;
use attest_domain::api::EvidenceReport;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Json;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::manage::evidence::{attestations_csv, report, report_pdf, school_attestations};
use crate::routes::manage::download;
use crate::state::AppState;

/// Every attestation of a school's chain as CSV.
#[utoipa::path(
    get,
    path = "/schools/{id}/attestations.csv",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id")),
    responses(
        (status = 200, description = "Every attestation of the school's chain", content_type = "text/csv", body = String),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
    )
)]
pub async fn get_attestations_csv(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
) -> AppResult<Response> {
    manager.school(&school_id)?;
    let (_, list) = school_attestations(&state.db, &school_id).await?;
    let today = state.clock.now().date_naive();
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("attestations-{today}.csv"),
        attestations_csv(&list)?,
    ))
}

/// `?as_at=YYYY-MM-DD` (default: today).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsAtQuery {
    /// The day the report is for.
    pub as_at: Option<NaiveDate>,
}

async fn build(
    state: &AppState,
    manager: &Manager,
    school_id: &str,
    query: &AsAtQuery,
) -> AppResult<EvidenceReport> {
    manager.school(school_id)?;
    let now = state.clock.now();
    report(
        &state.db,
        school_id,
        query.as_at.unwrap_or(now.date_naive()),
        now,
    )
    .await
}

/// The evidence report as JSON, for the printable page.
#[utoipa::path(
    get,
    path = "/schools/{id}/evidence",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id"), AsAtQuery),
    responses(
        (status = 200, description = "The evidence report", body = EvidenceReport),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "The date is in the future", body = ApiError),
    )
)]
pub async fn get_evidence(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Query(query): Query<AsAtQuery>,
) -> AppResult<Json<EvidenceReport>> {
    Ok(Json(build(&state, &manager, &school_id, &query).await?))
}

/// The evidence report as PDF.
#[utoipa::path(
    get,
    path = "/schools/{id}/evidence.pdf",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id"), AsAtQuery),
    responses(
        (status = 200, description = "The evidence report as PDF", content_type = "application/pdf", body = String),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "The date is in the future", body = ApiError),
    )
)]
pub async fn get_evidence_pdf(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Query(query): Query<AsAtQuery>,
) -> AppResult<Response> {
    let report = build(&state, &manager, &school_id, &query).await?;
    let name = format!("evidence-{}.pdf", report.as_at);
    Ok(download("application/pdf", &name, report_pdf(&report)))
}
