//! The router: the JSON API under `/api`, the single-page app everywhere else.

use std::path::Path;
use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::{delete, get, post, put};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::error::AppError;
use crate::routes::{attempts, attestations, health, links, me, modules, reminders, session};
use crate::state::AppState;

/// The API routes, without static files: what the access tests walk.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route(
            "/session",
            post(session::create_session).delete(session::delete_session),
        )
        .route("/me", get(me::get_me))
        .route("/me/modules", get(me::list_my_modules))
        .route("/modules/{version_id}", get(modules::get_module))
        .route(
            "/modules/{version_id}/progress",
            put(modules::update_progress),
        )
        .route(
            "/modules/{version_id}/attempts",
            post(modules::create_module_attempt),
        )
        .route("/modules/{version_id}/ask", get(modules::ask_module))
        .route(
            "/attempts/{attempt_id}/submit",
            post(attempts::submit_attempt_answers),
        )
        .route(
            "/attempts/{attempt_id}/attestation",
            post(attempts::create_attestation),
        )
        .route("/attestations/{id}", get(attestations::get_attestation))
        .route("/verify/{code}", get(attestations::get_verification))
        .route("/sign-in-links", post(links::create_sign_in_link))
        .route("/links/{token}", post(links::use_link))
        .route("/password-resets", post(links::create_password_reset))
        .route(
            "/password-resets/{token}",
            post(links::complete_password_reset),
        )
        .route(
            "/schools/{school_id}/reminders",
            get(reminders::list_reminders).post(reminders::create_reminders),
        )
        .route(
            "/schools/{school_id}/holidays",
            get(reminders::list_school_holidays).post(reminders::create_school_holiday),
        )
        .route(
            "/schools/{school_id}/holidays/{holiday_id}",
            delete(reminders::delete_school_holiday),
        )
        .fallback(|| async { AppError::NotFound("API route") })
        .layer(axum::middleware::from_fn(crate::csrf::require_header))
}

/// The whole app: API, health check, static single-page app, and the layers around them.
pub fn router(state: AppState, dist_dir: &Path) -> Router {
    // Client-side routes (/training, /modules/…) all load index.html; the app routes itself.
    let spa = ServeDir::new(dist_dir).fallback(ServeFile::new(dist_dir.join("index.html")));
    Router::new()
        .route("/healthz", get(health::get_health))
        .nest("/api", api_router())
        .fallback_service(spa)
        .with_state(state)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}
