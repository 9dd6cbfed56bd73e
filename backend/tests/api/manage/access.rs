//! Access to every manager endpoint: staff 403, another school's manager 404, the trust's manager allowed.

use reqwest::Method;

use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;

/// Every manager endpoint: method, path (with {school}, {trust}, {person}, {policy}), body.
fn endpoints() -> Vec<(Method, &'static str, Option<serde_json::Value>)> {
    let person = serde_json::json!({
        "name": "Pat New", "email": "pat.new@example.org", "groups": ["teaching"], "start_date": "2026-09-01"
    });
    // An edit keeps their email: a new one would (rightly) end their sessions mid-test.
    let edit = serde_json::json!({
        "name": "Pat New", "email": staff(CHAD), "groups": ["teaching"], "start_date": "2026-09-01"
    });
    vec![
        (Method::GET, "/api/schools/{school}/dashboard", None),
        (Method::GET, "/api/trusts/{trust}/dashboard", None),
        (Method::GET, "/api/schools/{school}/matrix", None),
        (Method::GET, "/api/trusts/{trust}/matrix", None),
        (Method::GET, "/api/schools/{school}/matrix.csv", None),
        (Method::GET, "/api/trusts/{trust}/matrix.csv", None),
        (Method::GET, "/api/trusts/{trust}/compare", None),
        (Method::GET, "/api/people/{person}", None),
        (Method::PUT, "/api/people/{person}", Some(edit)),
        (Method::POST, "/api/schools/{school}/people", Some(person)),
        (
            Method::GET,
            "/api/schools/{school}/people/template.csv",
            None,
        ),
        (
            Method::POST,
            "/api/schools/{school}/people/import?dry_run=true",
            None,
        ),
        (Method::GET, "/api/schools/{school}/policies", None),
        (Method::GET, "/api/policies/{policy}/diff", None),
        (Method::GET, "/api/policies/{policy}/insight", None),
        (Method::GET, "/api/schools/{school}/attestations.csv", None),
        (Method::GET, "/api/schools/{school}/evidence", None),
        (Method::GET, "/api/schools/{school}/evidence.pdf", None),
        (Method::GET, "/api/trusts/{trust}/evidence", None),
        (Method::GET, "/api/trusts/{trust}/evidence.csv", None),
        (Method::GET, "/api/trusts/{trust}/evidence.pdf", None),
    ]
}

async fn call(
    app: &TestApp,
    client: &reqwest::Client,
    method: &Method,
    path: &str,
    body: &Option<serde_json::Value>,
) -> u16 {
    let mut req = client.request(method.clone(), app.url(path));
    req = match body {
        Some(json) => req.json(json),
        None if *method == Method::POST => req.body("name,email,groups,start date,school\n"),
        None => req,
    };
    req.send().await.unwrap().status().as_u16()
}

async fn every_manager_endpoint_checks_who_is_asking(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let trust = trust_id(&app).await;
    let person = person_id(&app, &staff(CHAD)).await;
    let policy = policy_id(&app, CHAD).await;
    let anonymous = app.new_client();
    let staff_client = client_for(&app, &staff(CHAD)).await;
    let other_manager = client_for(&app, &manager(CAMELEY)).await;
    let own_manager = client_for(&app, &manager(CHAD)).await;
    let trust_manager = client_for(&app, TRUST).await;
    for (method, template, body) in endpoints() {
        let path = template
            .replace("{school}", &school)
            .replace("{trust}", &trust)
            .replace("{person}", &person)
            .replace("{policy}", &policy);
        assert_eq!(
            call(&app, &anonymous, &method, &path, &body).await,
            401,
            "anonymous {method} {template}"
        );
        assert_eq!(
            call(&app, &staff_client, &method, &path, &body).await,
            403,
            "staff {method} {template}"
        );
        assert_eq!(
            call(&app, &other_manager, &method, &path, &body).await,
            404,
            "another school's manager {method} {template}"
        );
        let by_trust = call(&app, &trust_manager, &method, &path, &body).await;
        assert!(
            (200..300).contains(&by_trust) || by_trust == 422,
            "trust manager {method} {template}: {by_trust}"
        );
        let by_own = call(&app, &own_manager, &method, &path, &body).await;
        if template.starts_with("/api/trusts/") {
            assert_eq!(
                by_own, 404,
                "a school manager is not the trust's team: {template}"
            );
        } else {
            assert!(
                (200..300).contains(&by_own) || by_own == 422,
                "own manager {method} {template}: {by_own}"
            );
        }
    }
}
on_both_databases!(every_manager_endpoint_checks_who_is_asking);

async fn ids_that_do_not_exist_answer_like_other_schools_ids(app: TestApp) {
    let manager_client = client_for(&app, &manager(CHAD)).await;
    for path in [
        "/api/schools/nope/dashboard",
        "/api/people/nope",
        "/api/policies/nope/diff",
        "/api/trusts/nope/compare",
    ] {
        let res = manager_client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
}
on_both_databases!(ids_that_do_not_exist_answer_like_other_schools_ids);

async fn me_says_who_manages(app: TestApp) {
    let staff_me: attest_domain::api::Me =
        get_json(&app, &client_for(&app, &staff(CHAD)).await, "/api/me").await;
    assert!(!staff_me.manages);
    let trust_client = client_for(&app, TRUST).await;
    let me: attest_domain::api::Me = get_json(&app, &trust_client, "/api/me").await;
    assert!(me.manages);
    let scope: attest_domain::api::ManageScope = get_json(&app, &trust_client, "/api/manage").await;
    assert_eq!((scope.schools.len(), scope.trusts.len()), (5, 1));
    let own: attest_domain::api::ManageScope =
        get_json(&app, &client_for(&app, &manager(CHAD)).await, "/api/manage").await;
    assert_eq!(own.schools.len(), 1);
    assert!(own.trusts.is_empty());
}
on_both_databases!(me_says_who_manages);
