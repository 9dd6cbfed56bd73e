//! Gives axum's own refusals (malformed JSON or query, wrong content type, body too
//! large) the one JSON error shape, so every 4xx of the API reads the same.

use attest_domain::api::ApiError;
use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// The most of a refusal's plain-text body kept as its message.
const MAX_MESSAGE: usize = 4 * 1024;

/// Rewrites a 4xx answer that is not JSON into an [`ApiError`].
pub async fn as_api_error(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !status.is_client_error() || is_json {
        return response;
    }
    let (_, body) = response.into_parts();
    let message = match to_bytes(body, MAX_MESSAGE).await {
        Ok(bytes) if !bytes.is_empty() => String::from_utf8_lossy(&bytes).trim().to_string(),
        _ => status
            .canonical_reason()
            .unwrap_or("the request was refused")
            .to_lowercase(),
    };
    let error = ApiError {
        status: status.as_u16(),
        message,
        code: None,
    };
    (status, Json(error)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::StatusCode;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_plain_text_refusal_becomes_the_json_error_shape() {
        let app = Router::new()
            .route(
                "/",
                get(|| async { (StatusCode::BAD_REQUEST, "bad query") }),
            )
            .layer(axum::middleware::from_fn(as_api_error));
        let res = app
            .oneshot(Request::get("/").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), 400);
        let bytes = to_bytes(res.into_body(), 1024).await.unwrap();
        let error: ApiError = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(error.status, 400);
        assert_eq!(error.message, "bad query");
    }
}
