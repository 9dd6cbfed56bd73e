//! CSRF protection: a state-changing API request must carry `X-Requested-With: attest`.
//!
//! Browsers only let a page send a custom header cross-origin after a CORS
//! preflight, which this server never grants; so a forged form post or image
//! tag from another site cannot carry it, while the app's own requests always do.

use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// The header the app adds to every request, and its value.
pub const HEADER: &str = "x-requested-with";
/// The value of [`HEADER`].
pub const VALUE: &str = "attest";

/// Refuses (403) unsafe methods that lack the header.
pub async fn require_header(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let marked = request
        .headers()
        .get(HEADER)
        .is_some_and(|v| v.as_bytes() == VALUE.as_bytes());
    if safe || marked {
        next.run(request).await
    } else {
        AppError::CsrfRejected.into_response()
    }
}
