//! The OpenAPI description of the API, collected from the very router that serves it.

use std::sync::LazyLock;

use attest_domain::api::ApiError;
use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, ObjectBuilder, OpenApi as Spec, Ref, RefOr, Required, Response,
    ResponseBuilder, Type,
};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::app::api_spec_router;

/// The security scheme's name: the session cookie set by sign-in.
pub const SESSION: &str = "attest_session";

/// The document's fixed parts; the paths come from the router.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Attest API",
        description = "Staff training and attestation of a school's own policies. \
            Signed-in calls carry the `attest_session` cookie (set by `POST /api/session`). \
            Every state-changing call (POST, PUT, DELETE) must also carry the header \
            `X-Requested-With: attest`, or it is refused with 403. \
            Every error answers with the one JSON shape `ApiError`."
    ),
    components(schemas(ApiError)),
    modifiers(&SessionCookie),
    tags(
        (name = "session", description = "Signing in and out"),
        (name = "training", description = "A person's own modules, quizzes and attestations"),
        (name = "links", description = "Sign-in links and password resets"),
        (name = "two-factor", description = "A person's own two-factor sign-in"),
        (name = "manage", description = "The managers' area"),
        (name = "reminders", description = "Reminders and holiday calendars (managers)"),
        (name = "meta", description = "This document"),
    )
)]
pub struct ApiDoc;

/// Adds the session cookie's security scheme.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut Spec) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SESSION,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION,
                "The session cookie set by signing in (HttpOnly, SameSite=Lax).",
            ))),
        );
    }
}

/// The whole spec with paths under `/api`, built once.
pub fn spec() -> &'static Spec {
    static SPEC: LazyLock<Spec> = LazyLock::new(|| {
        let mut spec = OpenApiRouter::new()
            .nest("/api", api_spec_router())
            .into_openapi();
        add_common_parts(&mut spec);
        spec
    });
    &SPEC
}

/// `GET /api/openapi.json`: this API's OpenAPI document.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "meta",
    security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json", body = Object))
)]
pub async fn get_openapi() -> impl IntoResponse {
    // Serialising a derived document cannot fail; an empty object is still valid JSON.
    let json = serde_json::to_string(spec()).unwrap_or_else(|_| "{}".into());
    ([(header::CONTENT_TYPE, "application/json")], json)
}

/// What every operation shares and each would otherwise repeat: the CSRF header on
/// state-changing calls and the error answers of the layers in front of the handlers.
fn add_common_parts(spec: &mut Spec) {
    for item in spec.paths.paths.values_mut() {
        let operations = [
            (false, item.get.as_mut()),
            (true, item.post.as_mut()),
            (true, item.put.as_mut()),
            (true, item.delete.as_mut()),
            (true, item.patch.as_mut()),
        ];
        for (changes_state, operation) in operations {
            if let Some(operation) = operation {
                add_to_operation(operation, changes_state);
            }
        }
    }
}

fn add_to_operation(operation: &mut Operation, changes_state: bool) {
    let signed_in = operation
        .security
        .as_ref()
        .is_some_and(|list| !list.iter().all(is_empty_requirement));
    let has_query = operation
        .parameters
        .as_ref()
        .is_some_and(|ps| ps.iter().any(|p| p.parameter_in == ParameterIn::Query));
    let has_body = operation.request_body.is_some();
    if changes_state {
        operation
            .parameters
            .get_or_insert_with(Vec::new)
            .push(csrf_header());
        error(
            operation,
            "403",
            "Forbidden (also: the X-Requested-With header is missing)",
        );
    }
    if signed_in {
        error(
            operation,
            "401",
            "Not signed in, or the session has expired",
        );
    }
    if has_query || has_body {
        error(operation, "400", "The request is malformed");
    }
    if has_body {
        error(operation, "413", "The request body is too large");
        error(
            operation,
            "415",
            "The request body has the wrong content type",
        );
        error(operation, "422", "The request breaks a rule");
    }
}

fn is_empty_requirement(requirement: &utoipa::openapi::security::SecurityRequirement) -> bool {
    serde_json::to_value(requirement).is_ok_and(|v| v.as_object().is_some_and(|o| o.is_empty()))
}

/// Adds an `ApiError` answer unless the handler already describes that status.
fn error(operation: &mut Operation, status: &str, description: &str) {
    let responses = &mut operation.responses.responses;
    if !responses.contains_key(status) {
        responses.insert(status.to_string(), RefOr::T(api_error(description)));
    }
}

fn api_error(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ApiError")))
                .build(),
        )
        .build()
}

fn csrf_header() -> Parameter {
    ParameterBuilder::new()
        .name("X-Requested-With")
        .parameter_in(ParameterIn::Header)
        .required(Required::True)
        .description(Some(
            "Must be `attest` on every state-changing call (CSRF protection).",
        ))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["attest"])),
        ))
        .build()
}
