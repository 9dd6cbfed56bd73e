//! Evidence downloads: all attestations as CSV, the evidence report as JSON or PDF, for a school or a trust.

use attest_domain::api::{ApiError, EvidenceReport, TrustEvidenceReport};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Json;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::audit::Scope;
use crate::error::{AppError, AppResult};
use crate::manage::access::{trust_name, Manager};
use crate::manage::evidence::{attestations_csv, report, school_attestations};
use crate::manage::evidence_pdf::{certificates_pdf, report_pdf, trust_report_pdf};
use crate::manage::trust_evidence::{trust_report, trust_report_csv};
use crate::routes::manage::audit::exported;
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
    exported(
        &state,
        &manager,
        Scope::School(&school_id),
        None,
        "attestations CSV",
    )
    .await?;
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
        &state.standings,
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

/// `?as_at=YYYY-MM-DD&person=ID`: the evidence PDF, or one person's certificates.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvidencePdfQuery {
    /// The day the report is for (default: today).
    pub as_at: Option<NaiveDate>,
    /// A person of the school: their certificates instead of the report.
    pub person: Option<String>,
}

/// The evidence report as PDF, or with `person` that person's certificates.
#[utoipa::path(
    get,
    path = "/schools/{id}/evidence.pdf",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A school's id"), EvidencePdfQuery),
    responses(
        (status = 200, description = "The evidence report, or a person's certificates, as PDF", content_type = "application/pdf", body = String),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 422, description = "The date is in the future", body = ApiError),
    )
)]
pub async fn get_evidence_pdf(
    State(state): State<AppState>,
    manager: Manager,
    Path(school_id): Path<String>,
    Query(query): Query<EvidencePdfQuery>,
) -> AppResult<Response> {
    let as_at = AsAtQuery { as_at: query.as_at };
    let report = build(&state, &manager, &school_id, &as_at).await?;
    let Some(person_id) = query.person else {
        let name = format!("evidence-{}.pdf", report.as_at);
        let what = format!("evidence PDF as at {}", report.as_at);
        exported(&state, &manager, Scope::School(&school_id), None, &what).await?;
        return Ok(download("application/pdf", &name, report_pdf(&report)?));
    };
    if !manager
        .person(&state.db, &person_id)
        .await?
        .contains(&school_id)
    {
        return Err(AppError::NotFound("person"));
    }
    let held: Vec<_> = report
        .attestations
        .iter()
        .filter(|a| a.person_id == person_id)
        .collect();
    let name = format!("certificates-{}.pdf", report.as_at);
    let scope = Scope::School(&school_id);
    exported(
        &state,
        &manager,
        scope,
        Some(&person_id),
        "certificates PDF",
    )
    .await?;
    Ok(download(
        "application/pdf",
        &name,
        certificates_pdf(&report, &held)?,
    ))
}

async fn build_trust(
    state: &AppState,
    manager: &Manager,
    trust_id: &str,
    query: &AsAtQuery,
) -> AppResult<TrustEvidenceReport> {
    let schools = manager.trust(&state.db, trust_id).await?;
    let name = trust_name(&state.db, trust_id).await?;
    let now = state.clock.now();
    let as_at = query.as_at.unwrap_or(now.date_naive());
    trust_report(&state.db, &state.standings, name, &schools, as_at, now).await
}

/// Every school of a trust: the evidence report as JSON.
#[utoipa::path(
    get,
    path = "/trusts/{id}/evidence",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id"), AsAtQuery),
    responses(
        (status = 200, description = "Every school's evidence report", body = TrustEvidenceReport),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's trusts", body = ApiError),
        (status = 422, description = "The date is in the future", body = ApiError),
    )
)]
pub async fn get_trust_evidence(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
    Query(query): Query<AsAtQuery>,
) -> AppResult<Json<TrustEvidenceReport>> {
    Ok(Json(
        build_trust(&state, &manager, &trust_id, &query).await?,
    ))
}

/// Every school of a trust: the evidence report as CSV.
#[utoipa::path(
    get,
    path = "/trusts/{id}/evidence.csv",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id"), AsAtQuery),
    responses(
        (status = 200, description = "The trust's evidence as CSV", content_type = "text/csv", body = String),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's trusts", body = ApiError),
        (status = 422, description = "The date is in the future", body = ApiError),
    )
)]
pub async fn get_trust_evidence_csv(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
    Query(query): Query<AsAtQuery>,
) -> AppResult<Response> {
    let report = build_trust(&state, &manager, &trust_id, &query).await?;
    let name = format!("trust-evidence-{}.csv", report.as_at);
    let what = format!("trust evidence CSV as at {}", report.as_at);
    exported(&state, &manager, Scope::Trust(&trust_id), None, &what).await?;
    Ok(download(
        "text/csv; charset=utf-8",
        &name,
        trust_report_csv(&report)?,
    ))
}

/// Every school of a trust: the evidence report as PDF.
#[utoipa::path(
    get,
    path = "/trusts/{id}/evidence.pdf",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A trust's id"), AsAtQuery),
    responses(
        (status = 200, description = "The trust's evidence as PDF", content_type = "application/pdf", body = String),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's trusts", body = ApiError),
        (status = 422, description = "The date is in the future", body = ApiError),
    )
)]
pub async fn get_trust_evidence_pdf(
    State(state): State<AppState>,
    manager: Manager,
    Path(trust_id): Path<String>,
    Query(query): Query<AsAtQuery>,
) -> AppResult<Response> {
    let report = build_trust(&state, &manager, &trust_id, &query).await?;
    let name = format!("trust-evidence-{}.pdf", report.as_at);
    let what = format!("trust evidence PDF as at {}", report.as_at);
    exported(&state, &manager, Scope::Trust(&trust_id), None, &what).await?;
    Ok(download(
        "application/pdf",
        &name,
        trust_report_pdf(&report)?,
    ))
}
