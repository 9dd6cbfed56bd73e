//! The router: the JSON API under `/api`, the single-page app everywhere else.

use std::path::Path;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
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
use crate::headers::content_security_policy;
use crate::routes::manage::{dashboards, evidence, people, policies};
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
        .merge(manage_router())
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
        // JSON bodies are small; routes that take uploads set their own, larger limit.
        .layer(DefaultBodyLimit::max(256 * 1024))
}

/// The managers' area; every handler takes a `Manager` (staff 403, others' ids 404).
fn manage_router() -> Router<AppState> {
    Router::new()
        .route("/manage", get(dashboards::get_manage_scope))
        .route(
            "/schools/{id}/dashboard",
            get(dashboards::get_school_dashboard),
        )
        .route(
            "/trusts/{id}/dashboard",
            get(dashboards::get_trust_dashboard),
        )
        .route("/schools/{id}/matrix", get(dashboards::get_school_matrix))
        .route("/trusts/{id}/matrix", get(dashboards::get_trust_matrix))
        .route(
            "/schools/{id}/matrix.csv",
            get(dashboards::get_school_matrix_csv),
        )
        .route(
            "/trusts/{id}/matrix.csv",
            get(dashboards::get_trust_matrix_csv),
        )
        .route(
            "/trusts/{id}/compare",
            get(dashboards::get_trust_comparison),
        )
        .route(
            "/people/{id}",
            get(people::get_person).put(people::update_person),
        )
        .route("/schools/{id}/people", post(people::create_person))
        .route(
            "/schools/{id}/people/template.csv",
            get(people::get_people_template),
        )
        .route(
            "/schools/{id}/people/import",
            post(people::import_people).layer(DefaultBodyLimit::max(5 * 1024 * 1024)),
        )
        .route(
            "/schools/{id}/policies",
            get(policies::list_school_policies).post(policies::create_policy),
        )
        .route(
            "/schools/{id}/policies/preview",
            post(policies::preview_policy).layer(DefaultBodyLimit::max(policies::MAX_UPLOAD)),
        )
        .route(
            "/policies/{id}/versions",
            post(policies::create_policy_version),
        )
        .route("/policies/{id}/diff", get(policies::get_policy_diff))
        .route("/policies/{id}/insight", get(policies::get_policy_insight))
        .route(
            "/schools/{id}/attestations.csv",
            get(evidence::get_attestations_csv),
        )
        .route("/schools/{id}/evidence", get(evidence::get_evidence))
        .route(
            "/schools/{id}/evidence.pdf",
            get(evidence::get_evidence_pdf),
        )
        .route("/trusts/{id}/evidence", get(evidence::get_trust_evidence))
        .route(
            "/trusts/{id}/evidence.csv",
            get(evidence::get_trust_evidence_csv),
        )
        .route(
            "/trusts/{id}/evidence.pdf",
            get(evidence::get_trust_evidence_pdf),
        )
}

/// The whole app: API, health check, static single-page app, and the layers around them.
pub fn router(state: AppState, dist_dir: &Path) -> Router {
    // Client-side routes (/training, /modules/…) all load index.html; the app routes itself.
    let spa = ServeDir::new(dist_dir).fallback(ServeFile::new(dist_dir.join("index.html")));
    let index = std::fs::read_to_string(dist_dir.join("index.html")).unwrap_or_default();
    let csp = HeaderValue::from_str(&content_security_policy(&index))
        .unwrap_or(HeaderValue::from_static("default-src 'self'"));
    Router::new()
        .route("/healthz", get(health::get_health))
        .nest("/api", api_router())
        .fallback_service(spa)
        .with_state(state)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
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
