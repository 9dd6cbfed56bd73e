//! Creating, renaming and closing schools and trusts from the app: an administrator anywhere,
//! a trust manager within their trust, a school manager only renaming their own school; bad
//! requests change nothing, and every change is in the audit log.

use attest_domain::api::{
    AuditAction, AuditEntry, EvidenceReport, ManageScope, Me, NamedRef, SchoolClosed,
};
use serde_json::json;

use crate::helpers::TestApp;
use crate::manage::drafts::step;
use crate::manage::support::{
    client_for, get_json, manager, school_id, staff, trust_id, CAMELEY, CHAD, TRUST,
};
use crate::on_both_databases;
use attest::on_db;

async fn school_count(app: &TestApp) -> i64 {
    let (n,): (i64,) = on_db!(app.db, |e| sqlx::query_as("SELECT COUNT(*) FROM schools")
        .fetch_one(e)
        .await)
    .unwrap();
    n
}

async fn a_trust_manager_opens_renames_and_closes_a_school_of_their_trust(app: TestApp) {
    use reqwest::Method;
    let trust = trust_id(&app).await;
    let central = client_for(&app, TRUST).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let before = school_count(&app).await;

    // Refused, and nothing made: a school manager; a school on its own (administrators only);
    // another trust; no name.
    let tries = [
        (
            &head,
            json!({ "name": "Birch Primary", "trust_id": trust }),
            403,
        ),
        (&central, json!({ "name": "Birch Primary" }), 403),
        (
            &central,
            json!({ "name": "Birch Primary", "trust_id": "t-not-ours" }),
            404,
        ),
        (&central, json!({ "name": "   ", "trust_id": trust }), 422),
    ];
    for (client, body, want) in tries {
        let (status, text) = step(&app, client, Method::POST, "/api/schools", body).await;
        assert_eq!(status, want, "{text}");
    }
    assert_eq!(school_count(&app).await, before);
    let (status, _) = step(
        &app,
        &central,
        Method::POST,
        "/api/trusts",
        json!({ "name": "New Trust" }),
    )
    .await;
    assert_eq!(status, 403, "only an administrator makes a trust");

    let body = json!({ "name": "Birch  Primary", "trust_id": trust });
    let (status, text) = step(&app, &central, Method::POST, "/api/schools", body).await;
    assert_eq!(status, 201, "{text}");
    let birch: NamedRef = serde_json::from_str(&text).unwrap();
    assert_eq!(birch.name, "Birch Primary");
    let scope: ManageScope = get_json(&app, &central, "/api/manage").await;
    assert!(scope.schools.iter().any(|s| s.id == birch.id), "{scope:?}");

    // The head renames their own school, not the new one; the trust's team renames the trust.
    let chad = school_id(&app, CHAD).await;
    let rename = json!({ "name": "Chad Vale Academy" });
    let (status, _) = step(
        &app,
        &head,
        Method::PUT,
        &format!("/api/schools/{chad}"),
        rename.clone(),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = step(
        &app,
        &head,
        Method::PUT,
        &format!("/api/schools/{}", birch.id),
        rename,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = step(
        &app,
        &head,
        Method::PUT,
        &format!("/api/trusts/{trust}"),
        json!({ "name": "X" }),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = step(
        &app,
        &central,
        Method::PUT,
        &format!("/api/trusts/{trust}"),
        json!({ "name": "Vale Trust" }),
    )
    .await;
    assert_eq!(status, 200);
    let (name,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT name FROM trusts WHERE id = $1"
    )
    .bind(&trust)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(name, "Vale Trust");

    // Closing is the trust's: the head may not close even their own school.
    let (status, _) = step(
        &app,
        &head,
        Method::POST,
        &format!("/api/schools/{chad}/close"),
        json!({}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, text) = step(
        &app,
        &central,
        Method::POST,
        &format!("/api/schools/{}/close", birch.id),
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let closed: SchoolClosed = serde_json::from_str(&text).unwrap();
    assert_eq!(closed.members_left, 0);

    let log: Vec<AuditEntry> =
        get_json(&app, &central, &format!("/api/trusts/{trust}/audit")).await;
    let changes: Vec<&str> = log
        .iter()
        .filter(|l| l.action == AuditAction::OrganisationChanged)
        .map(|l| l.detail.as_str())
        .collect();
    for expected in [
        "created the school Birch Primary",
        "renamed the trust",
        "closed the school Birch Primary",
        "renamed the school Chad Vale Primary School to Chad Vale Academy",
    ] {
        assert!(
            changes.iter().any(|d| d.contains(expected)),
            "{expected}: {changes:?}"
        );
    }
}
on_both_databases!(a_trust_manager_opens_renames_and_closes_a_school_of_their_trust);

async fn a_schools_managers_set_the_time_zone_its_times_are_shown_in(app: TestApp) {
    use reqwest::Method;
    let chad = school_id(&app, CHAD).await;
    let path = format!("/api/schools/{chad}/time-zone");
    let head = client_for(&app, &manager(CHAD)).await;
    let teacher = client_for(&app, &staff(CHAD)).await;
    let elsewhere = client_for(&app, &manager(CAMELEY)).await;
    let me: Me = get_json(&app, &teacher, "/api/me").await;
    assert_eq!(me.time_zone, "Europe/London", "the default");

    // Refused, and nothing changed: staff; another school's manager; not a time zone.
    let zone = json!({ "time_zone": "America/New_York" });
    for (client, body, want) in [
        (&teacher, zone.clone(), 403),
        (&elsewhere, zone.clone(), 404),
        (&head, json!({ "time_zone": "Mars/Olympus" }), 422),
        (&head, json!({ "time_zone": "" }), 422),
    ] {
        let (status, text) = step(&app, client, Method::PUT, &path, body).await;
        assert_eq!(status, want, "{text}");
    }
    let me: Me = get_json(&app, &teacher, "/api/me").await;
    assert_eq!(me.time_zone, "Europe/London");

    let (status, text) = step(&app, &head, Method::PUT, &path, zone).await;
    assert_eq!(status, 200, "{text}");
    let me: Me = get_json(&app, &teacher, "/api/me").await;
    assert_eq!(me.time_zone, "America/New_York", "staff read times on it");
    let report: EvidenceReport =
        get_json(&app, &head, &format!("/api/schools/{chad}/evidence")).await;
    assert_eq!(
        report.time_zone, "America/New_York",
        "and so does the report"
    );
    let log: Vec<AuditEntry> = get_json(&app, &head, &format!("/api/schools/{chad}/audit")).await;
    assert!(
        log.iter()
            .any(|l| l.action == AuditAction::OrganisationChanged
                && l.detail
                    .contains("set the time zone from Europe/London to America/New_York")),
        "{log:?}"
    );
}
on_both_databases!(a_schools_managers_set_the_time_zone_its_times_are_shown_in);
