//! The access matrix's requests: for each route of the OpenAPI document, a minimal valid
//! call with real ids of the owner's school, and the fresh records (a draft, a holiday) that
//! some calls use up.

use reqwest::Method;

use crate::access_fixture::{Cast, Ids};
use crate::helpers::TestApp;

/// One request of the matrix, ready to send.
pub struct Call {
    pub method: Method,
    pub url: String,
    pub json: Option<serde_json::Value>,
    pub raw: Option<&'static str>,
}

/// The value of a path parameter: a real id of the owner or their school.
fn param(name: &str, template: &str, ids: &Ids, turn: &Turn) -> String {
    let fresh = turn.fresh;
    let value = match name {
        "id" if template.starts_with("/api/me/invitations/") => fresh,
        "id" if template.starts_with("/api/drafts/") => fresh,
        "id" if template.ends_with("/close") => fresh,
        "clause_id" => "1.1",
        "question_id" => turn.question,
        "version_id" => &ids.version,
        "attempt_id" if template.ends_with("/submit") => &ids.fresh_attempt,
        "attempt_id" => &ids.passed_attempt,
        "school_id" => &ids.school,
        "holiday_id" => fresh,
        "code" => &ids.code,
        "token" => "not-a-real-token-0000",
        "id" if template.starts_with("/api/schools/") => &ids.school,
        "id" if template.starts_with("/api/trusts/") => &ids.trust,
        "id" if template.starts_with("/api/people/") => &ids.person,
        "id" if template.starts_with("/api/policies/") => &ids.policy,
        "id" if template.starts_with("/api/attestations/") => &ids.attestation,
        _ => panic!("no id for {{{name}}} in {template}: add one to access::param"),
    };
    value.to_string()
}

/// Who calls, the holiday to delete, invitation to answer or draft to review (if any), a
/// question of that draft, and a counter that keeps names and labels unique.
pub struct Turn<'a> {
    pub actor: usize,
    pub fresh: &'a str,
    pub question: &'a str,
    pub n: usize,
}

/// A minimal valid request for a route.
pub fn call(
    app: &TestApp,
    (method, template): (&str, &str),
    ids: &Ids,
    cast: &Cast,
    turn: &Turn,
) -> Call {
    let Turn { actor, n, .. } = *turn;
    let mut path = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').unwrap() + open;
        path.push_str(&rest[..open]);
        path.push_str(&param(&rest[open + 1..close], template, ids, turn));
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    let query = match template {
        t if t.ends_with("/ask") => "?q=a%20visitor%20without%20a%20badge".to_string(),
        t if t.ends_with("/drafts") => "?file_name=p.txt".to_string(),
        t if t.ends_with("/import") => "?dry_run=true".to_string(),
        t if t.ends_with("/pause") => format!("?school_id={}", ids.school),
        t if t.ends_with("/paper-signatures") => format!(
            "?school_id={}&version_id={}&signed_on=2026-09-01&witness=Ann%20Head",
            ids.school, ids.version
        ),
        "/api/directory/start" => "?email=someone%40nowhere.example".to_string(),
        _ => String::new(),
    };
    let person = |email: &str| {
        serde_json::json!({
            "name": "Pat New", "email": email, "groups": ["teaching"], "start_date": "2026-09-01"
        })
    };
    let json = match (method, template) {
        ("POST", "/api/session") => Some(cast.sign_in_body(actor)),
        ("PUT", t) if t.ends_with("/progress") => {
            Some(serde_json::json!({ "current_lesson": 0, "lessons_done": 0 }))
        }
        ("POST", t) if t.ends_with("/submit") => {
            Some(serde_json::json!({ "answers": vec![0; ids.fresh_questions] }))
        }
        ("POST", t) if t.ends_with("/attestation") => Some(serde_json::json!({ "confirm": true })),
        ("POST", "/api/session/two-factor") => {
            Some(serde_json::json!({ "challenge": "not-a-challenge", "code": "123456" }))
        }
        ("POST", "/api/me/two-factor/confirm" | "/api/me/two-factor/disable") => {
            Some(serde_json::json!({ "code": "abcdef" }))
        }
        ("PUT", t) if t.ends_with("/two-factor") => Some(serde_json::json!({ "required": false })),
        ("POST", "/api/roles" | "/api/roles/revoke") => Some(serde_json::json!({
            "email": format!("role.{n}@example.org"), "name": "Role Holder",
            "role": "school_manager", "school_id": ids.school
        })),
        ("PUT", t) if t.ends_with("/directory") => Some(serde_json::json!({
            "issuer": "https://login.example.com/tenant", "client_id": "attest", "client_secret": "s",
            "email_domains": [format!("d{n}.example")], "directory_only": false
        })),
        ("POST", "/api/sign-in-links" | "/api/password-resets") => {
            Some(serde_json::json!({ "email": ids.owner_email }))
        }
        ("POST", "/api/setup") => Some(serde_json::json!({
            "token": "0123456789abcdef", "trust_name": "A Trust", "schools": ["A School"],
            "admin_name": "A Person", "admin_email": "a@trust.example", "admin_password": "a-long-new-password-1"
        })),
        ("POST", "/api/password-resets/{token}") => {
            Some(serde_json::json!({ "password": "a-long-new-password-1" }))
        }
        ("POST", t) if t.ends_with("/reminders") => Some(serde_json::json!({ "group": ids.group })),
        ("POST", t) if t.ends_with("/holidays") => Some(serde_json::json!({
            "name": format!("Break {n}"), "first_day": format!("2027-{:02}-01", n % 12 + 1), "last_day": format!("2027-{:02}-02", n % 12 + 1)
        })),
        // Their membership at the owner's school; their name and email stay theirs (the
        // owner may by now also belong to a school that invited them).
        ("PUT", "/api/people/{id}") => Some(serde_json::json!({
            "name": ids.owner_name, "email": ids.owner_email, "groups": [ids.group],
            "start_date": "2026-09-01", "school_id": ids.school
        })),
        ("PUT", "/api/people/{id}/pause") => Some(serde_json::json!({
            "school_id": ids.school, "from": "2027-01-04", "until": "2027-02-26", "reason": "Leave"
        })),
        ("POST", "/api/schools/{id}/people") => Some(person(&format!("pat.{n}@example.org"))),
        ("PUT", "/api/policies/{id}/settings") => Some(serde_json::json!({
            "questions_per_quiz": 10, "pass_mark": 80, "renewal_months": 12,
            "new_starter_days": 14, "grace_days": 30, "lessons_first": true
        })),
        ("PUT", t) if t.ends_with("/clauses/{clause_id}") => {
            Some(serde_json::json!({ "strength": "must" }))
        }
        ("POST", t) if t.ends_with("/split") => Some(serde_json::json!({ "at": 1 })),
        ("PUT", t) if t.ends_with("/questions/{question_id}") => {
            Some(serde_json::json!({ "action": "approved" }))
        }
        ("POST", "/api/drafts/{id}/questions") => Some(serde_json::json!({
            "clause_id": "1.2", "stem": "A visitor asks to borrow your badge.", "options": ["Refuse", "Lend it"], "answer": 0
        })),
        ("POST", "/api/schools") => Some(serde_json::json!({
            "name": format!("Access School {n}"), "trust_id": ids.trust
        })),
        ("POST", "/api/trusts") => Some(serde_json::json!({ "name": format!("Access Trust {n}") })),
        ("PUT", "/api/schools/{id}") => Some(serde_json::json!({ "name": ids.school_name })),
        ("PUT", "/api/schools/{id}/time-zone") => {
            Some(serde_json::json!({ "time_zone": "Europe/London" }))
        }
        ("PUT", "/api/trusts/{id}") => Some(serde_json::json!({ "name": "Demo Schools Trust" })),
        ("POST", "/api/drafts/{id}/publish") => Some(serde_json::json!({
            "version_label": format!("v{n}"), "review_period_months": 12, "pass_mark": 80,
            "groups": ["teaching"], "publish_unreviewed": true
        })),
        _ => None,
    };
    let raw = match template {
        t if t.ends_with("/import") => Some("name,email,groups,start date,school\n"),
        t if t.ends_with("/drafts") => {
            Some("Test Policy\n\n1. Rules\n\n1.1 Staff must lock screens.\n")
        }
        _ => None,
    };
    Call {
        method: Method::from_bytes(method.as_bytes()).unwrap(),
        url: app.url(&format!("{path}{query}")),
        json,
        raw,
    }
}

/// A draft at the owner's school to review, made fresh for each call: its id and a question's.
pub async fn new_draft(app: &TestApp, ids: &Ids) -> (String, String) {
    let manager = crate::manage::support::client_for(
        app,
        &crate::manage::support::manager(crate::manage::support::CHAD),
    )
    .await;
    let draft = crate::manage::drafts::upload(
        app,
        &manager,
        &ids.school,
        None,
        "Access Draft\n\n1. Rules\n\n1.1 Staff must lock screens. Staff should close doors.\n\
         1.2 Staff must not lend their badge to a visitor.\n",
    )
    .await;
    let question = draft.questions[0].question.id.clone();
    (draft.id, question)
}

/// A school of the owner's trust to close, made fresh for each call.
pub async fn new_school(app: &TestApp, ids: &Ids, n: usize) -> String {
    attest::admin::create_school(&app.db, Some(&ids.trust), &format!("Closing School {n}"))
        .await
        .unwrap()
}

/// A holiday of the owner's school to delete, made fresh for each call.
pub async fn new_holiday(app: &TestApp, ids: &Ids, n: usize) -> String {
    let manager = crate::manage::support::client_for(
        app,
        &crate::manage::support::manager(crate::manage::support::CHAD),
    )
    .await;
    let res = manager
        .post(app.url(&format!("/api/schools/{}/holidays", ids.school)))
        .json(&serde_json::json!({ "name": format!("Gone {n}"), "first_day": "2028-01-01", "last_day": "2028-01-02" }))
        .send()
        .await
        .unwrap();
    let holiday: serde_json::Value = res.json().await.unwrap();
    holiday["id"].as_str().unwrap().to_string()
}
