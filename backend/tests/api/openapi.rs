//! The OpenAPI document: served at `/api/openapi.json`, listing exactly the routes the app serves.

use std::collections::BTreeSet;

use crate::helpers::TestApp;
use crate::on_both_databases;

/// Every (method, path) the API serves, kept by hand: a route added to the router
/// without updating this list, or the spec missing one, fails the test below.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/openapi.json"),
    ("POST", "/api/session"),
    ("DELETE", "/api/session"),
    ("POST", "/api/session/two-factor"),
    ("GET", "/api/directory/start"),
    ("GET", "/api/directory/callback"),
    ("GET", "/api/me/two-factor"),
    ("POST", "/api/me/two-factor"),
    ("POST", "/api/me/two-factor/confirm"),
    ("POST", "/api/me/two-factor/disable"),
    ("GET", "/api/me"),
    ("GET", "/api/me/modules"),
    ("GET", "/api/me/invitations"),
    ("POST", "/api/me/invitations/{id}"),
    ("DELETE", "/api/me/invitations/{id}"),
    ("GET", "/api/me/export"),
    ("GET", "/api/modules/{version_id}"),
    ("PUT", "/api/modules/{version_id}/progress"),
    ("POST", "/api/modules/{version_id}/attempts"),
    ("GET", "/api/modules/{version_id}/ask"),
    ("GET", "/api/modules/{version_id}/policy"),
    ("GET", "/api/versions/{version_id}/original"),
    ("POST", "/api/attempts/{attempt_id}/submit"),
    ("POST", "/api/attempts/{attempt_id}/attestation"),
    ("GET", "/api/attestations/{id}"),
    ("GET", "/api/verify/{code}"),
    ("POST", "/api/sign-in-links"),
    ("POST", "/api/links/{token}"),
    ("POST", "/api/password-resets"),
    ("POST", "/api/password-resets/{token}"),
    ("GET", "/api/schools/{school_id}/reminders"),
    ("POST", "/api/schools/{school_id}/reminders"),
    ("GET", "/api/schools/{school_id}/holidays"),
    ("POST", "/api/schools/{school_id}/holidays"),
    ("DELETE", "/api/schools/{school_id}/holidays/{holiday_id}"),
    ("GET", "/api/manage"),
    ("GET", "/api/schools/{id}/dashboard"),
    ("GET", "/api/trusts/{id}/dashboard"),
    ("GET", "/api/schools/{id}/matrix"),
    ("GET", "/api/trusts/{id}/matrix"),
    ("GET", "/api/schools/{id}/matrix.csv"),
    ("GET", "/api/trusts/{id}/matrix.csv"),
    ("GET", "/api/trusts/{id}/compare"),
    ("GET", "/api/trusts/{id}/evidence"),
    ("GET", "/api/trusts/{id}/evidence.csv"),
    ("GET", "/api/trusts/{id}/evidence.pdf"),
    ("GET", "/api/people/{id}"),
    ("GET", "/api/people/{id}/export"),
    ("PUT", "/api/people/{id}"),
    ("PUT", "/api/people/{id}/pause"),
    ("DELETE", "/api/people/{id}/pause"),
    ("POST", "/api/people/{id}/paper-signatures"),
    ("POST", "/api/schools/{id}/people"),
    ("GET", "/api/schools/{id}/people/template.csv"),
    ("POST", "/api/schools/{id}/people/import"),
    ("GET", "/api/schools/{id}/policies"),
    ("GET", "/api/policies/{id}/diff"),
    ("GET", "/api/policies/{id}/insight"),
    ("GET", "/api/policies/{id}/history"),
    ("POST", "/api/schools/{id}/drafts"),
    ("GET", "/api/drafts/{id}"),
    ("PUT", "/api/drafts/{id}/clauses/{clause_id}"),
    ("POST", "/api/drafts/{id}/clauses/{clause_id}/split"),
    ("POST", "/api/drafts/{id}/clauses/{clause_id}/join"),
    ("PUT", "/api/drafts/{id}/questions/{question_id}"),
    ("POST", "/api/drafts/{id}/questions"),
    ("POST", "/api/drafts/{id}/publish"),
    ("GET", "/api/policies/{id}/settings"),
    ("PUT", "/api/policies/{id}/settings"),
    ("GET", "/api/schools/{id}/attestations.csv"),
    ("GET", "/api/schools/{id}/evidence"),
    ("GET", "/api/schools/{id}/evidence.pdf"),
    ("GET", "/api/schools/{id}/audit"),
    ("GET", "/api/schools/{id}/audit.csv"),
    ("GET", "/api/trusts/{id}/audit"),
    ("GET", "/api/trusts/{id}/audit.csv"),
    ("POST", "/api/setup"),
    ("GET", "/api/schools/{id}/two-factor"),
    ("PUT", "/api/schools/{id}/two-factor"),
    ("GET", "/api/trusts/{id}/two-factor"),
    ("PUT", "/api/trusts/{id}/two-factor"),
    ("GET", "/api/schools/{id}/directory"),
    ("PUT", "/api/schools/{id}/directory"),
    ("GET", "/api/trusts/{id}/directory"),
    ("PUT", "/api/trusts/{id}/directory"),
    ("POST", "/api/roles"),
    ("POST", "/api/roles/revoke"),
    ("GET", "/api/trusts/{id}/models"),
    ("POST", "/api/trusts/{id}/drafts"),
    ("GET", "/api/policies/{id}/amendments"),
    ("POST", "/api/policies/{id}/drafts"),
    ("POST", "/api/schools"),
    ("POST", "/api/trusts"),
    ("PUT", "/api/schools/{id}"),
    ("PUT", "/api/trusts/{id}"),
    ("POST", "/api/schools/{id}/close"),
    ("PUT", "/api/schools/{id}/time-zone"),
];

/// The (METHOD, path) pairs of an OpenAPI document.
pub fn spec_routes(spec: &serde_json::Value) -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                routes.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    routes
}

/// The served document.
pub async fn fetch_spec(app: &TestApp) -> serde_json::Value {
    let res = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn the_spec_lists_every_route_the_app_serves(app: TestApp) {
    let spec = fetch_spec(&app).await;
    let listed = spec_routes(&spec);
    let kept: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(kept.len(), ROUTES.len(), "ROUTES has a duplicate");
    let missing: Vec<_> = kept.difference(&listed).collect();
    let unknown: Vec<_> = listed.difference(&kept).collect();
    assert!(
        missing.is_empty(),
        "served but not in the spec: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "in the spec but not in ROUTES: {unknown:?}"
    );
    // Each kept route answers with something other than the API's 404 fallback for
    // an unknown route (405 would mean the method is not served on that path).
    let anonymous = app.new_client();
    for (method, path) in ROUTES {
        let url = app.url(&path.replace('{', "x").replace('}', ""));
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let res = anonymous.request(method.clone(), url).send().await.unwrap();
        let status = res.status().as_u16();
        let body = res.text().await.unwrap();
        assert_ne!(status, 405, "{method} {path} is not served");
        assert!(
            !body.contains("API route not found"),
            "{method} {path} is not served"
        );
    }
}
on_both_databases!(the_spec_lists_every_route_the_app_serves);

async fn the_spec_describes_cookie_auth_and_the_csrf_header(app: TestApp) {
    let spec = fetch_spec(&app).await;
    let scheme = &spec["components"]["securitySchemes"]["attest_session"];
    assert_eq!(scheme["type"], "apiKey");
    assert_eq!(scheme["in"], "cookie");
    assert_eq!(scheme["name"], "attest_session");
    for (method, path) in ROUTES {
        let op = &spec["paths"][path][method.to_lowercase()];
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        let csrf = params
            .iter()
            .any(|p| p["name"] == "X-Requested-With" && p["in"] == "header");
        assert_eq!(csrf, *method != "GET", "CSRF header on {method} {path}");
        for status in op["responses"].as_object().unwrap().keys() {
            if status.starts_with('4') {
                let schema = &op["responses"][status]["content"]["application/json"]["schema"];
                let shape = schema["$ref"].as_str().unwrap_or_default();
                assert!(
                    shape.ends_with("/ApiError") || shape.ends_with("/ImportReport"),
                    "{method} {path} {status}: {schema}"
                );
            }
        }
    }
    let csv = &spec["paths"]["/api/schools/{id}/attestations.csv"]["get"]["responses"]["200"];
    assert!(csv["content"]["text/csv"].is_object(), "{csv}");
    let pdf = &spec["paths"]["/api/schools/{id}/evidence.pdf"]["get"]["responses"]["200"];
    assert!(pdf["content"]["application/pdf"].is_object(), "{pdf}");
}
on_both_databases!(the_spec_describes_cookie_auth_and_the_csrf_header);
