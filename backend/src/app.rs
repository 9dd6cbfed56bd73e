//! The router: the JSON API under `/api`, the single-page app everywhere else.

use std::path::Path;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::error::AppError;
use crate::headers::content_security_policy;
use crate::openapi::{self, ApiDoc};
use crate::routes::manage::{
    audit, dashboards, directory as directory_settings, draft_questions, drafts, evidence, models,
    organisation, paper, pauses, people, policies, roles, settings, two_factor as two_factor_rule,
};
use crate::routes::{
    attempts, attestations, directory, health, invitations, links, me, modules, originals, privacy,
    reminders, session, setup, two_factor,
};
use crate::state::AppState;

/// The API routes, without static files: built only from [`api_spec_router`], so every route is in the spec.
pub fn api_router() -> Router<AppState> {
    let (router, _) = api_spec_router().split_for_parts();
    router
        .fallback(|| async { AppError::NotFound("API route") })
        .layer(axum::middleware::from_fn(crate::rejections::as_api_error))
        .layer(axum::middleware::from_fn(crate::csrf::require_header))
        // JSON bodies are small; routes that take uploads set their own, larger limit.
        .layer(DefaultBodyLimit::max(256 * 1024))
}

/// Every API route with its OpenAPI description, paths relative to `/api`.
pub fn api_spec_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(openapi::get_openapi))
        .routes(routes!(session::create_session, session::delete_session))
        .routes(routes!(session::create_two_factor_session))
        .routes(routes!(directory::start_directory_sign_in))
        .routes(routes!(directory::finish_directory_sign_in))
        .routes(routes!(
            two_factor::get_my_two_factor,
            two_factor::create_my_two_factor
        ))
        .routes(routes!(two_factor::confirm_my_two_factor))
        .routes(routes!(two_factor::disable_my_two_factor))
        .routes(routes!(me::get_me))
        .routes(routes!(me::list_my_modules))
        .routes(routes!(invitations::list_my_invitations))
        .routes(routes!(
            invitations::accept_invitation,
            invitations::decline_invitation
        ))
        .routes(routes!(privacy::get_my_export))
        .routes(routes!(privacy::get_person_export))
        .routes(routes!(modules::get_module))
        .routes(routes!(modules::update_progress))
        .routes(routes!(modules::create_module_attempt))
        .routes(routes!(modules::ask_module))
        .routes(routes!(modules::get_policy_text))
        .routes(routes!(originals::get_original))
        .routes(routes!(attempts::submit_attempt_answers))
        .routes(routes!(attempts::create_attestation))
        .routes(routes!(attestations::get_attestation))
        .routes(routes!(attestations::get_verification))
        .merge(manage_router())
        .routes(routes!(setup::create_setup))
        .routes(routes!(links::create_sign_in_link))
        .routes(routes!(links::use_link))
        .routes(routes!(links::create_password_reset))
        .routes(routes!(links::complete_password_reset))
        .routes(routes!(
            reminders::list_reminders,
            reminders::create_reminders
        ))
        .routes(routes!(
            reminders::list_school_holidays,
            reminders::create_school_holiday
        ))
        .routes(routes!(reminders::delete_school_holiday))
}

/// The managers' area; every handler takes a `Manager` (staff 403, others' ids 404).
fn manage_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(dashboards::get_manage_scope))
        .routes(routes!(dashboards::get_school_dashboard))
        .routes(routes!(dashboards::get_trust_dashboard))
        .routes(routes!(dashboards::get_school_matrix))
        .routes(routes!(dashboards::get_trust_matrix))
        .routes(routes!(dashboards::get_school_matrix_csv))
        .routes(routes!(dashboards::get_trust_matrix_csv))
        .routes(routes!(dashboards::get_trust_comparison))
        .routes(routes!(people::get_person, people::update_person))
        .routes(routes!(people::create_person))
        .routes(routes!(pauses::put_pause, pauses::delete_pause))
        .routes(
            routes!(paper::record_paper_signature)
                .layer(DefaultBodyLimit::max(crate::manage::paper::MAX_SCAN + 1024)),
        )
        .routes(routes!(people::get_people_template))
        .routes(routes!(people::import_people).layer(DefaultBodyLimit::max(people::MAX_IMPORT)))
        .routes(routes!(policies::list_school_policies))
        .routes(routes!(policies::get_policy_diff))
        .routes(routes!(policies::get_policy_insight))
        .routes(routes!(drafts::create_draft).layer(DefaultBodyLimit::max(policies::MAX_UPLOAD)))
        .routes(routes!(drafts::get_draft))
        .routes(
            routes!(models::create_model_draft).layer(DefaultBodyLimit::max(policies::MAX_UPLOAD)),
        )
        .routes(routes!(models::get_trust_models))
        .routes(routes!(models::get_policy_amendments))
        .routes(routes!(models::create_draft_from_published))
        .routes(routes!(drafts::review_clause))
        .routes(routes!(drafts::split_clause))
        .routes(routes!(drafts::join_clause))
        .routes(routes!(draft_questions::review_question))
        .routes(routes!(draft_questions::create_question))
        .routes(routes!(draft_questions::publish_policy_draft))
        .routes(routes!(draft_questions::get_policy_history))
        .routes(routes!(
            settings::get_policy_settings,
            settings::update_policy_settings
        ))
        .routes(routes!(evidence::get_attestations_csv))
        .routes(routes!(evidence::get_evidence))
        .routes(routes!(evidence::get_evidence_pdf))
        .routes(routes!(evidence::get_trust_evidence))
        .routes(routes!(evidence::get_trust_evidence_csv))
        .routes(routes!(evidence::get_trust_evidence_pdf))
        .routes(routes!(audit::get_school_audit))
        .routes(routes!(audit::get_school_audit_csv))
        .routes(routes!(audit::get_trust_audit))
        .routes(routes!(audit::get_trust_audit_csv))
        .routes(routes!(
            two_factor_rule::get_school_two_factor,
            two_factor_rule::update_school_two_factor
        ))
        .routes(routes!(
            two_factor_rule::get_trust_two_factor,
            two_factor_rule::update_trust_two_factor
        ))
        .routes(routes!(
            directory_settings::get_school_directory,
            directory_settings::update_school_directory
        ))
        .routes(routes!(
            directory_settings::get_trust_directory,
            directory_settings::update_trust_directory
        ))
        .routes(routes!(organisation::create_school))
        .routes(routes!(organisation::create_trust))
        .routes(routes!(organisation::rename_school))
        .routes(routes!(organisation::rename_trust))
        .routes(routes!(organisation::close_school))
        .routes(routes!(organisation::set_time_zone))
        .routes(routes!(roles::create_role))
        .routes(routes!(roles::revoke_role))
}

/// The whole app: API, health check, static single-page app, and the layers around them.
pub fn router(state: AppState, dist_dir: &Path) -> Router {
    let spa = crate::spa::service(dist_dir);
    let index = std::fs::read_to_string(dist_dir.join("index.html")).unwrap_or_default();
    let csp = HeaderValue::from_str(&content_security_policy(&index))
        .unwrap_or(HeaderValue::from_static("default-src 'self'"));
    // Behind https, browsers are told never to use plain http for this site again.
    let hsts = state
        .settings
        .secure_cookies
        .then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains"));
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
            header::STRICT_TRANSPORT_SECURITY,
            move |_: &axum::http::Response<_>| hsts.clone(),
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
        // API JSON and files without a precompressed copy; a response that already has a
        // Content-Encoding (a precompressed file) passes through untouched.
        .layer(CompressionLayer::new())
        // 503, not 408: browsers repeat a request answered 408 on a kept-alive connection
        // (RFC 9110 lets them), so a slow import cut off at 30 s ran a second time.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(crate::request_log::span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}
