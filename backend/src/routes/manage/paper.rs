//! Paper signatures: a manager records that someone signed a policy on paper.

use attest_domain::api::{ApiError, AuditAction, PersonDetail};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::audit::Scope;
use crate::error::AppResult;
use crate::manage::access::Manager;
use crate::manage::paper::{record, PaperSigning};
use crate::manage::people::which_school;
use crate::manage::person::person_detail;
use crate::routes::manage::audit::note;
use crate::state::AppState;

/// `?version_id=…&signed_on=2026-09-01&witness=…&school_id=…&file_name=scan.pdf`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaperQuery {
    /// The version signed: the policy's current one.
    pub version_id: String,
    /// The day it was signed.
    pub signed_on: NaiveDate,
    /// Who witnessed it.
    pub witness: String,
    /// The school (needed when the person is at several of the caller's schools).
    pub school_id: Option<String>,
    /// The scan's file name, when the body holds one.
    pub file_name: Option<String>,
}

/// Records a signature given on paper; the body is the scan (optional: empty for none).
#[utoipa::path(
    post,
    path = "/people/{id}/paper-signatures",
    tag = "manage",
    security(("attest_session" = [])),
    params(("id" = String, Path, description = "A person's id"), PaperQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The scan of the signed page (PDF or image), or nothing"),
    responses(
        (status = 201, description = "The person, with the attestation", body = PersonDetail),
        (status = 403, description = "Signed in, but not a manager", body = ApiError),
        (status = 404, description = "Not found, or outside the caller's schools", body = ApiError),
        (status = 409, description = "They have left the school", body = ApiError),
        (status = 422, description = "No witness, a day out of range, or too large a scan", body = ApiError),
    )
)]
pub async fn record_paper_signature(
    State(state): State<AppState>,
    manager: Manager,
    Path(person_id): Path<String>,
    Query(query): Query<PaperQuery>,
    body: Bytes,
) -> AppResult<(StatusCode, Json<PersonDetail>)> {
    let schools = manager.person(&state.db, &person_id).await?;
    let school_id = which_school(&schools, query.school_id.as_deref())?;
    let now = state.clock.now();
    let file_name = query.file_name.as_deref().unwrap_or("scan");
    let signing = PaperSigning {
        version_id: &query.version_id,
        signed_on: query.signed_on,
        witness: &query.witness,
        scan: Some((file_name, &body)),
    };
    let id = record(&state.db, &person_id, &school_id, &signing, &manager, now).await?;
    let detail = format!(
        "signed on paper on {}, witnessed by {} (attestation {id}{})",
        query.signed_on,
        query.witness.trim(),
        if body.is_empty() { "" } else { ", scan kept" }
    );
    let scope = Scope::School(&school_id);
    note(
        &state,
        &manager,
        AuditAction::PaperSignatureRecorded,
        scope,
        Some(&person_id),
        detail,
    )
    .await?;
    let person = person_detail(&state.db, &person_id, &schools, now.date_naive()).await?;
    Ok((StatusCode::CREATED, Json(person)))
}
