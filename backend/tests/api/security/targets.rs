//! Authorisation that depends on the body: every route whose body names a person, an
//! email, a school or a holiday, sent by a school manager with targets outside their reach.
//! Each is refused (or, for an account elsewhere, turned into an invitation), and the
//! target's stored records are exactly as before.

use crate::helpers::TestApp;
use crate::manage::support::{
    client_for, manager, person_id, school_id, staff, CAMELEY, CHAD, TRUST,
};
use crate::on_both_databases;
use crate::security::import;
use attest::on_db;

/// Everything stored about a person that a manager could change: account, memberships,
/// groups, invitations, reminders.
async fn snapshot(app: &TestApp, id: &str) -> Vec<String> {
    let mut rows = Vec::new();
    for sql in [
        "SELECT name || '|' || email || '|' || CAST(active AS TEXT) || '|' || COALESCE(password_hash, '') FROM people WHERE id = $1",
        "SELECT school_id || '|' || role || '|' || start_date || '|' || CAST(active AS TEXT) FROM memberships WHERE person_id = $1 ORDER BY school_id",
        "SELECT school_id || '|' || group_name FROM person_groups WHERE person_id = $1 ORDER BY school_id, group_name",
        "SELECT school_id FROM invitations WHERE person_id = $1 ORDER BY school_id",
        "SELECT stage FROM reminders WHERE person_id = $1 AND stage <> 'invitation' ORDER BY stage",
    ] {
        let found: Vec<(String,)> = on_db!(app.db, |e| sqlx::query_as(sql).bind(id).fetch_all(e).await).unwrap();
        rows.extend(found.into_iter().map(|(r,)| r));
        rows.push("--".into());
    }
    rows
}

fn body(name: &str, email: &str) -> serde_json::Value {
    serde_json::json!({ "name": name, "email": email, "groups": ["teaching"], "start_date": "2026-09-01" })
}

async fn a_school_manager_cannot_reach_outside_their_school_through_a_body(app: TestApp) {
    let (chad, cameley) = (school_id(&app, CHAD).await, school_id(&app, CAMELEY).await);
    let targets = [staff(CAMELEY), manager(CAMELEY), TRUST.to_string()];
    let mut ids = Vec::new();
    for email in &targets {
        ids.push(person_id(&app, email).await);
    }
    let mut before = Vec::new();
    for id in &ids {
        before.push(snapshot(&app, id).await);
    }
    let office = client_for(&app, &manager(CHAD)).await;
    let mut failures = Vec::new();
    let mut expect = |what: String, got: u16, want: &[u16]| {
        if !want.contains(&got) {
            failures.push(format!("{what}: got {got}, want one of {want:?}"));
        }
    };

    for (email, id) in targets.iter().zip(&ids) {
        // Add: an account elsewhere is invited (then withdrawn below), never claimed.
        let res = office
            .post(app.url(&format!("/api/schools/{chad}/people")))
            .json(&body("Claimed Name", email))
            .send()
            .await
            .unwrap();
        expect(format!("add {email}"), res.status().as_u16(), &[202]);
        // Edit someone who is not at Chad Vale, naming Chad Vale or their own school.
        for school in [&chad, &cameley] {
            let mut edit = body("Claimed Name", "claimed@outside.example");
            edit["school_id"] = school.as_str().into();
            let res = office
                .put(app.url(&format!("/api/people/{id}")))
                .json(&edit)
                .send()
                .await
                .unwrap();
            expect(
                format!("edit {email} at {school}"),
                res.status().as_u16(),
                &[404],
            );
        }
        // Remind them from Chad Vale.
        let res = office
            .post(app.url(&format!("/api/schools/{chad}/reminders")))
            .json(&serde_json::json!({ "person_id": id }))
            .send()
            .await
            .unwrap();
        expect(
            format!("remind {email}"),
            res.status().as_u16(),
            &[404, 422],
        );
    }
    // Edit a Chad Vale member, naming another school's membership.
    let own = person_id(&app, &staff(CHAD)).await;
    let mut edit = body("Sam Staff", &staff(CHAD));
    edit["school_id"] = cameley.as_str().into();
    let res = office
        .put(app.url(&format!("/api/people/{own}")))
        .json(&edit)
        .send()
        .await
        .unwrap();
    expect(
        "edit at another school".into(),
        res.status().as_u16(),
        &[404],
    );
    // Import the lot.
    let file: String = std::iter::once("name,email,groups,start date\n".to_string())
        .chain(
            targets
                .iter()
                .map(|e| format!("Claimed Name,{e},teaching,2026-09-01\n")),
        )
        .collect();
    let report = import(&app, &office, &chad, file).await;
    expect("import invites".into(), report.invited as u16, &[3]);
    // Another school's holiday, deleted through Chad Vale's path.
    let theirs = client_for(&app, &manager(CAMELEY)).await;
    let holiday: serde_json::Value = theirs
        .post(app.url(&format!("/api/schools/{cameley}/holidays")))
        .json(&serde_json::json!({ "name": "Cameley break", "first_day": "2027-02-15", "last_day": "2027-02-19" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let hid = holiday["id"].as_str().unwrap();
    let res = office
        .delete(app.url(&format!("/api/schools/{chad}/holidays/{hid}")))
        .send()
        .await
        .unwrap();
    expect(
        "delete another school's holiday".into(),
        res.status().as_u16(),
        &[404],
    );
    let (kept,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM school_holidays WHERE id = $1"
    )
    .bind(hid)
    .fetch_one(e)
    .await)
    .unwrap();
    expect("the holiday is kept".into(), kept as u16, &[1]);

    // The only trace is the invitations (and their mail), which the people may decline.
    on_db!(app.db, |e| sqlx::query("DELETE FROM invitations")
        .execute(e)
        .await
        .rows_affected())
    .unwrap();
    for ((email, id), was) in targets.iter().zip(&ids).zip(&before) {
        let now = snapshot(&app, id).await;
        if &now != was {
            failures.push(format!("{email} changed: {was:?} -> {now:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
on_both_databases!(a_school_manager_cannot_reach_outside_their_school_through_a_body);
