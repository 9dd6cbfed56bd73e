//! The access matrix: every route of the OpenAPI document × seven actors, with the
//! expected status, and no personal or school data in answers to those not entitled.
//!
//! The routes come from the served spec, so a new route without a row here fails.

use std::collections::BTreeSet;

use crate::access_calls::{call, new_draft, new_holiday, new_school, Turn};
use crate::access_fixture::{add_member, cast, ids, new_invitation, ACTORS, ENTITLED, IN_SCHOOL};
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
    // Model policies are the trust's: its central team (here, the admin) uploads and lists them.
    ("GET", "/api/trusts/{id}/models", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("POST", "/api/trusts/{id}/drafts", [401, 403, 403, 404, 404, 404, 201, 403, 403]),
    // The owner's policy follows no model and was published before drafts: its managers are
    // told so (404, 409); a school's copy of a model is covered by manage::models.
    ("GET", "/api/policies/{id}/amendments", [401, 403, 403, 404, 404, 404, 404, 403, 403]),
    ("POST", "/api/policies/{id}/drafts", [401, 403, 403, 409, 404, 404, 409, 403, 403]),
    // Schools and trusts: a school is made in a trust by its central team (the admin here);
    // a school's managers may rename it (to its own name here, so the matrix's checks on the
    // name stand); closing is the trust's, tried on a school made fresh for each call.
    ("POST", "/api/schools", [401, 403, 403, 403, 403, 404, 201, 403, 403]),
    ("POST", "/api/trusts", [401, 403, 403, 403, 403, 403, 201, 403, 403]),
    ("PUT", "/api/schools/{id}", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("PUT", "/api/schools/{id}/time-zone", [401, 403, 403, 200, 404, 404, 200, 403, 403]),
    ("PUT", "/api/trusts/{id}", [401, 403, 403, 404, 404, 404, 200, 403, 403]),
    ("POST", "/api/schools/{id}/close", [401, 403, 403, 403, 403, 404, 200, 403, 403]),
];

/// Routes whose answers may show the owner's name to anyone: the public receipt check.
const PUBLIC_NAME: &[&str] = &["/api/verify/{code}"];

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
            } else if template.ends_with("/close") {
                new_school(&app, &ids, n).await
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
