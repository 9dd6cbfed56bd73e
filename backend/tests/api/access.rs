//! The access matrix: every route of the OpenAPI document × seven actors, with the
//! expected status, and no personal or school data in answers to those not entitled.
//!
//! The routes come from the served spec, so a new route without a row here fails.

use std::collections::BTreeSet;

use reqwest::Method;

use crate::access_fixture::{
    add_member, cast, ids, new_invitation, Cast, Ids, ACTORS, ENTITLED, IN_SCHOOL,
};
use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::openapi::{fetch_spec, spec_routes};

/// Expected status per actor, in [`ACTORS`] order: anonymous, owner, colleague, own manager,
/// manager of another school of the trust, other trust's manager, admin, a manager who has
/// left the owner's school, and a colleague who also works at another school.
#[rustfmt::skip]
const EXPECTED: &[(&str, &str, [u16; 9])] = &[
    ("GET", "/api/openapi.json", [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("POST", "/api/session", [401, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("DELETE", "/api/session", [401, 204, 204, 204, 204, 204, 204, 204, 204]),
    // The second step of signing in, with a challenge nobody was given.
    ("POST", "/api/session/two-factor", [401, 401, 401, 401, 401, 401, 401, 401, 401]),
    // Directory sign-in is a browser's journey: always a redirect (here, back to sign-in:
    // no directory speaks for the address, and no sign-in was started).
    ("GET", "/api/directory/start", [303, 303, 303, 303, 303, 303, 303, 303, 303]),
    ("GET", "/api/directory/callback", [303, 303, 303, 303, 303, 303, 303, 303, 303]),
    ("GET", "/api/me", [401, 200, 200, 200, 200, 200, 200, 200, 200]),
    // Anyone signed in may set up two-factor sign-in for themselves; a code of letters is
    // never right, and nobody here has it set up to turn off.
    ("GET", "/api/me/two-factor", [401, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("POST", "/api/me/two-factor", [401, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("POST", "/api/me/two-factor/confirm", [401, 422, 422, 422, 422, 422, 422, 422, 422]),
    ("POST", "/api/me/two-factor/disable", [401, 404, 404, 404, 404, 404, 404, 404, 404]),
    ("GET", "/api/me/modules", [401, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET", "/api/me/invitations", [401, 200, 200, 200, 200, 200, 200, 200, 200]),
    // Only the person a school asked may answer its invitation.
    ("POST", "/api/me/invitations/{id}", [401, 204, 404, 404, 404, 404, 404, 404, 404]),
    ("DELETE", "/api/me/invitations/{id}", [401, 204, 404, 404, 404, 404, 404, 404, 404]),
    ("GET", "/api/me/export", [401, 200, 200, 200, 200, 200, 200, 200, 200]),
    // A version is the school's policy, not personal data: anyone it is assigned to
    // (the colleague; the manager, also a member of staff there) may read it and take its quiz.
    ("GET", "/api/modules/{version_id}", [401, 200, 200, 200, 404, 404, 404, 404, 200]),
    ("PUT", "/api/modules/{version_id}/progress", [401, 200, 200, 200, 404, 404, 404, 404, 200]),
    // The owner resumes their open attempt; the others may take the quiz but have not read
    // the lessons yet (422, where those it is not assigned to get 404).
    ("POST", "/api/modules/{version_id}/attempts", [401, 200, 422, 422, 404, 404, 404, 404, 422]),
    ("GET", "/api/modules/{version_id}/ask", [401, 200, 200, 200, 404, 404, 404, 404, 200]),
    ("GET", "/api/modules/{version_id}/policy", [401, 200, 200, 200, 404, 404, 404, 404, 200]),
    // The original document: for those it is assigned to and the managers of its school.
    ("GET", "/api/versions/{version_id}/original", [401, 200, 200, 200, 404, 404, 200, 404, 200]),
    ("POST", "/api/attempts/{attempt_id}/submit", [401, 200, 404, 404, 404, 404, 404, 404, 404]),
    ("POST", "/api/attempts/{attempt_id}/attestation", [401, 200, 404, 404, 404, 404, 404, 404, 404]),
    ("GET", "/api/attestations/{id}", [401, 200, 404, 404, 404, 404, 404, 404, 404]),
    // Public by design: whoever holds a receipt's code may check it.
    ("GET", "/api/verify/{code}", [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    // The first-start set-up: never open on a database that has schools.
    ("POST", "/api/setup", [404, 404, 404, 404, 404, 404, 404, 404, 404]),
    ("POST", "/api/sign-in-links", [202, 202, 202, 202, 202, 202, 202, 202, 202]),
    ("POST", "/api/links/{token}", [401, 401, 401, 401, 401, 401, 401, 401, 401]),
    ("POST", "/api/password-resets", [202, 202, 202, 202, 202, 202, 202, 202, 202]),
    ("POST", "/api/password-resets/{token}", [401, 401, 401, 401, 401, 401, 401, 401, 401]),
    ("GET", "/api/schools/{school_id}/reminders", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("POST", "/api/schools/{school_id}/reminders", [401, 403, 403, 202, 404, 404, 202, 403, 403]),
    ("GET", "/api/schools/{school_id}/holidays", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("POST", "/api/schools/{school_id}/holidays", [401, 403, 403, 201, 404, 404, 201, 403, 403]),
    ("DELETE", "/api/schools/{school_id}/holidays/{holiday_id}", [401, 403, 403, 204, 404, 404, 204, 403, 403]),
    ("GET", "/api/manage", [401, 403, 403, 200, 200, 200, 200, 403, 403]),
    ("GET", "/api/schools/{id}/dashboard", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/trusts/{id}/dashboard", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("GET", "/api/schools/{id}/matrix", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/trusts/{id}/matrix", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("GET", "/api/schools/{id}/matrix.csv", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/trusts/{id}/matrix.csv", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("GET", "/api/trusts/{id}/compare", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("GET", "/api/schools/{id}/audit", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/schools/{id}/audit.csv", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/trusts/{id}/audit", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("GET", "/api/trusts/{id}/audit.csv", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("GET", "/api/schools/{id}/two-factor", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("PUT", "/api/schools/{id}/two-factor", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/trusts/{id}/two-factor", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("PUT", "/api/trusts/{id}/two-factor", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("GET", "/api/schools/{id}/directory", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("PUT", "/api/schools/{id}/directory", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/trusts/{id}/directory", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("PUT", "/api/trusts/{id}/directory", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    // A new school manager of the owner's school; taking away a role nobody holds there.
    ("POST", "/api/roles", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("POST", "/api/roles/revoke", [401, 403, 403, 404, 404, 404, 404, 403, 403]),
    ("GET", "/api/trusts/{id}/evidence", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("GET", "/api/trusts/{id}/evidence.csv", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("GET", "/api/trusts/{id}/evidence.pdf", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("GET", "/api/people/{id}", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/people/{id}/export", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("PUT", "/api/people/{id}", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("PUT", "/api/people/{id}/pause", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("DELETE", "/api/people/{id}/pause", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("POST", "/api/people/{id}/paper-signatures", [401, 403, 403, 201, 404, 404, 201, 403, 403]),
    ("POST", "/api/schools/{id}/people", [401, 403, 403, 201, 404, 404, 201, 403, 403]),
    ("GET", "/api/schools/{id}/people/template.csv", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("POST", "/api/schools/{id}/people/import", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/schools/{id}/policies", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("POST", "/api/schools/{id}/policies", [401, 403, 403, 201, 404, 404, 201, 403, 403]),
    ("POST", "/api/schools/{id}/policies/preview", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("POST", "/api/policies/{id}/versions", [401, 403, 403, 201, 404, 404, 201, 403, 403]),
    ("GET", "/api/policies/{id}/diff", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/policies/{id}/insight", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/policies/{id}/settings", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("PUT", "/api/policies/{id}/settings", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/schools/{id}/attestations.csv", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/schools/{id}/evidence", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("GET", "/api/schools/{id}/evidence.pdf", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    // Review before publish: a draft is its school's, like the policies it becomes.
    ("POST", "/api/schools/{id}/drafts", [401, 403, 403, 201, 404, 404, 201, 403, 403]),
    ("GET", "/api/drafts/{id}", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("PUT", "/api/drafts/{id}/clauses/{clause_id}", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("POST", "/api/drafts/{id}/clauses/{clause_id}/split", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("POST", "/api/drafts/{id}/clauses/{clause_id}/join", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("PUT", "/api/drafts/{id}/questions/{question_id}", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("POST", "/api/drafts/{id}/questions", [401, 403, 403, 201, 404, 404, 201, 403, 403]),
    ("POST", "/api/drafts/{id}/publish", [401, 403, 403, 201, 404, 404, 201, 403, 403]),
    ("GET", "/api/policies/{id}/history", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
];

/// Routes whose answers may show the owner's name to anyone: the public receipt check.
const PUBLIC_NAME: &[&str] = &["/api/verify/{code}"];

/// One request of the matrix, ready to send.
struct Call {
    method: Method,
    url: String,
    json: Option<serde_json::Value>,
    raw: Option<&'static str>,
}

/// The value of a path parameter: a real id of the owner or their school.
fn param(name: &str, template: &str, ids: &Ids, turn: &Turn) -> String {
    let fresh = turn.fresh;
    let value = match name {
        "id" if template.starts_with("/api/me/invitations/") => fresh,
        "id" if template.starts_with("/api/drafts/") => fresh,
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
struct Turn<'a> {
    actor: usize,
    fresh: &'a str,
    question: &'a str,
    n: usize,
}

/// A minimal valid request for a route.
fn call(
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
        t if t.ends_with("/preview") || t.ends_with("/drafts") => "?file_name=p.txt".to_string(),
        t if t.ends_with("/import") => "?dry_run=true".to_string(),
        t if t.ends_with("/pause") => format!("?school_id={}", ids.school),
        t if t.ends_with("/paper-signatures") => format!(
            "?school_id={}&version_id={}&signed_on=2026-09-01&witness=Ann%20Head",
            ids.school, ids.version
        ),
        "/api/directory/start" => "?email=someone%40nowhere.example".to_string(),
        _ => String::new(),
    };
    let publish = serde_json::json!({
        "file_name": "p.txt",
        "text": format!("Access Policy {n}\n\n1. Rules\n\n1.1 Staff must lock screens.\n"),
        "version_label": format!("v{n}"), "review_period_months": 12, "pass_mark": 80, "groups": ["teaching"], "publish_unreviewed": true
    });
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
        ("POST", "/api/schools/{id}/policies" | "/api/policies/{id}/versions") => Some(publish),
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
        ("POST", "/api/drafts/{id}/publish") => Some(serde_json::json!({
            "version_label": format!("v{n}"), "review_period_months": 12, "pass_mark": 80,
            "groups": ["teaching"], "publish_unreviewed": true
        })),
        _ => None,
    };
    let raw = match template {
        t if t.ends_with("/import") => Some("name,email,groups,start date,school\n"),
        t if t.ends_with("/preview") || t.ends_with("/drafts") => {
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
async fn new_draft(app: &TestApp, ids: &Ids) -> (String, String) {
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

/// A holiday of the owner's school to delete, made fresh for each call.
async fn new_holiday(app: &TestApp, ids: &Ids, n: usize) -> String {
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

async fn every_route_answers_every_actor_as_expected_and_leaks_nothing(app: TestApp) {
    let spec = fetch_spec(&app).await;
    let routes = spec_routes(&spec);
    let table: BTreeSet<(String, String)> = EXPECTED
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    let unlisted: Vec<_> = routes.difference(&table).collect();
    assert!(
        unlisted.is_empty(),
        "routes without a row in access::EXPECTED: {unlisted:?}"
    );
    let stale: Vec<_> = table.difference(&routes).collect();
    assert!(
        stale.is_empty(),
        "rows in access::EXPECTED for routes the spec lacks: {stale:?}"
    );

    let ids = ids(&app).await;
    let cast = cast(&app).await;
    let mut clients = Vec::new();
    for actor in 0..ACTORS.len() {
        clients.push(cast.client(&app, actor).await);
    }
    let mut failures = Vec::new();
    let mut n = 0;
    for (method, template, expected) in EXPECTED {
        for (actor, want) in expected.iter().enumerate() {
            n += 1;
            if template.ends_with("/reminders") && *method == "POST" {
                // "Remind now" reminds a person once a day: each caller gets someone new to remind.
                let email = format!("new.{n}@chad-vale-primary.example");
                add_member(&app, &email, "New Starter", &ids.group).await;
            }
            let mut question = String::new();
            let fresh = if template.contains("{holiday_id}") {
                new_holiday(&app, &ids, n).await
            } else if template.starts_with("/api/me/invitations/") {
                new_invitation(&app, &ids).await
            } else if template.starts_with("/api/drafts/") {
                let (draft, first) = new_draft(&app, &ids).await;
                question = first;
                draft
            } else {
                String::new()
            };
            // Signing in or out changes the caller's session: use a throwaway one. Directory
            // sign-in answers with redirects, looked at as they are.
            let client = if template.starts_with("/api/directory/") {
                reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .unwrap()
            } else if template == &"/api/session" {
                cast.client(&app, actor).await
            } else {
                clients[actor].clone()
            };
            let turn = Turn {
                actor,
                fresh: &fresh,
                question: &question,
                n,
            };
            let call = call(&app, (method, template), &ids, &cast, &turn);
            let mut req = client.request(call.method, &call.url);
            if let Some(json) = &call.json {
                req = req.json(json);
            }
            if let Some(raw) = call.raw {
                req = req.header("content-type", "text/plain").body(raw);
            }
            let res = req.send().await.unwrap();
            let got = res.status().as_u16();
            let body = res.text().await.unwrap();
            if got != *want {
                failures.push(format!(
                    "{method} {template} as {}: got {got}, want {want}: {}",
                    ACTORS[actor],
                    &body[..body.len().min(120)]
                ));
            }
            let public = PUBLIC_NAME.contains(template);
            if !ENTITLED[actor] && !public {
                // Every field of the owner's records that is theirs alone, not just a name.
                let secrets = [
                    &ids.owner_email,
                    &ids.owner_name,
                    &ids.person,
                    &ids.attestation,
                    &ids.code,
                    &ids.passed_attempt,
                    &ids.fresh_attempt,
                ];
                for secret in secrets {
                    if body.contains(secret.as_str()) {
                        failures.push(format!(
                            "LEAK {method} {template} as {}: {secret}",
                            ACTORS[actor]
                        ));
                    }
                }
            }
            if !IN_SCHOOL[actor] && !public && body.contains(&ids.school_name) {
                failures.push(format!(
                    "LEAK {method} {template} as {}: {}",
                    ACTORS[actor], ids.school_name
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n} calls wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
on_both_databases!(every_route_answers_every_actor_as_expected_and_leaks_nothing);
