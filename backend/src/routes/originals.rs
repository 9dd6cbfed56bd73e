//! `/api/versions/{version_id}/original`: the uploaded document a version was published from.

use attest_domain::api::ApiError;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::policy_text::{header_file_name, original_for};
use crate::state::AppState;

/// The original document, byte for byte, for those it is assigned to and their managers.
#[utoipa::path(
    get,
    path = "/versions/{version_id}/original",
    tag = "training",
    security(("attest_session" = [])),
    params(
        ("version_id" = String, Path, description = "A policy version assigned to the caller, or of a school they manage"),
    ),
    responses(
        (status = 200, description = "The document as uploaded", content_type = "application/octet-stream"),
        (status = 404, description = "No such version for the caller, or no original kept for it", body = ApiError),
    )
)]
pub async fn get_original(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(version_id): Path<String>,
) -> AppResult<Response> {
    let source = original_for(&state.db, &user.person_id, &version_id).await?;
    let disposition = format!(
        "attachment; filename=\"{}\"",
        header_file_name(&source.file_name)
    );
    Ok((
        [
            (header::CONTENT_TYPE, source.media_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        source.bytes,
    )
        .into_response())
}
