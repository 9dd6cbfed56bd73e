//! Handlers of the managers' area; each takes a [`Manager`](crate::manage::access::Manager) and checks the ids it names.

pub mod audit;
pub mod dashboards;
pub mod directory;
pub mod draft_questions;
pub mod drafts;
pub mod evidence;
pub mod models;
pub mod organisation;
pub mod paper;
pub mod pauses;
pub mod people;
pub mod policies;
pub mod roles;
pub mod settings;
pub mod two_factor;

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A file download: its type, name and bytes.
pub fn download(
    content_type: &'static str,
    file_name: &str,
    body: impl Into<axum::body::Body>,
) -> Response {
    // File names are built by us from dates and fixed words, so they need no quoting rules.
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body.into(),
    )
        .into_response()
}
