//! People: CSV import (good, bad, repeated, leavers), single add and edit, the person page.

use attest_domain::api::{ImportReport, Matrix, PersonDetail, RowAction};

use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;
use attest::on_db;

const GOOD: &str = "name,email,groups,start date,school\n\
Ann Smith,ann.smith@chad.example,teaching;support,2026-09-01,chad-vale-primary\n\
Ben Jones,Ben.Jones@chad.example,support,01/09/2026,\n\
Alex Taylor,staff@chad-vale-primary.example,teaching,2026-08-25,Chad Vale Primary School\n";

async fn import(
    app: &TestApp,
    client: &reqwest::Client,
    school: &str,
    query: &str,
    body: &str,
) -> (u16, ImportReport) {
    let res = client
        .post(app.url(&format!("/api/schools/{school}/people/import?{query}")))
        .header("content-type", "text/csv")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}")),
    )
}

/// The status of signing in as `email` with the test password.
async fn sign_in(app: &TestApp, email: &str) -> u16 {
    let res = app
        .new_client()
        .post(app.url("/api/session"))
        .json(&serde_json::json!({ "email": email, "password": crate::helpers::PASSWORD }))
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

async fn snapshot(app: &TestApp) -> Vec<(String, String, String, i64)> {
    on_db!(app.db, |e| sqlx::query_as(
        "SELECT p.email, p.name, COALESCE(m.start_date, '') || ':' || COALESCE(m.school_id, ''), p.active \
         FROM people p LEFT JOIN memberships m ON m.person_id = p.id ORDER BY p.email, m.school_id",
    )
    .fetch_all(e).await)
    .unwrap()
}

async fn a_good_file_imports_and_importing_it_again_changes_nothing(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let before = snapshot(&app).await;

    let (status, preview) = import(&app, &client, &school, "dry_run=true", GOOD).await;
    assert_eq!(status, 200);
    assert!(!preview.applied);
    assert_eq!(
        (preview.created, preview.updated, preview.unchanged),
        (2, 0, 1),
        "{preview:#?}"
    );
    assert_eq!(snapshot(&app).await, before, "a dry run writes nothing");

    let (status, first) = import(&app, &client, &school, "", GOOD).await;
    assert_eq!(status, 200, "{first:#?}");
    assert!(first.applied);
    assert_eq!(first.created, 2);
    assert_eq!(first.rows[1].email, "ben.jones@chad.example");
    let after_first = snapshot(&app).await;

    let (_, second) = import(&app, &client, &school, "", GOOD).await;
    assert_eq!(
        (second.created, second.updated, second.unchanged),
        (0, 0, 3),
        "{second:#?}"
    );
    assert!(second.rows.iter().all(|r| r.action == RowAction::Unchanged));
    assert_eq!(
        snapshot(&app).await,
        after_first,
        "the same file twice changes nothing"
    );

    let matrix: Matrix = get_json(
        &app,
        &client,
        &format!("/api/schools/{school}/matrix?q=ann"),
    )
    .await;
    assert_eq!(matrix.total, 1);
    assert_eq!(matrix.rows[0].groups, vec!["support", "teaching"]);
}
on_both_databases!(a_good_file_imports_and_importing_it_again_changes_nothing);

async fn bad_rows_are_reported_by_line_and_nothing_is_written(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let before = snapshot(&app).await;
    let file = "name,email,groups,start date,school\n\
                Good Person,good@chad.example,teaching,2026-09-01,\n\
                No Email,,teaching,2026-09-01,\n\
                Bad Date,bad.date@chad.example,teaching,2026-13-45,\n\
                Wrong School,wrong@chad.example,teaching,2026-09-01,cameley-primary\n";
    let (status, report) = import(&app, &client, &school, "", file).await;
    assert_eq!(status, 422);
    assert!(!report.applied);
    let lines: Vec<u64> = report.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![3, 4, 5]);
    assert!(
        report.errors[1].reason.contains("start date"),
        "{}",
        report.errors[1].reason
    );
    assert_eq!(snapshot(&app).await, before);
}
on_both_databases!(bad_rows_are_reported_by_line_and_nothing_is_written);

async fn a_leaver_is_deactivated_not_deleted_and_their_records_stay(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let receipt = complete_training(&app, &staff(CHAD)).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let without_alex = "name,email,groups,start date,school\nAnn Smith,ann.smith@chad.example,teaching,2026-09-01,\n";

    let (_, kept) = import(&app, &client, &school, "", without_alex).await;
    assert_eq!(kept.missing, vec![staff(CHAD)]);
    assert_eq!(kept.deactivated, 0, "leavers stay unless asked");

    // The preview names the leavers; marking them needs its confirmation of exactly them.
    let (_, preview) = import(&app, &client, &school, "dry_run=true", without_alex).await;
    let names: Vec<&str> = preview.leavers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Alex Taylor"]);
    let (status, refused) = import(
        &app,
        &client,
        &school,
        "deactivate_missing=true",
        without_alex,
    )
    .await;
    assert_eq!(
        (status, refused.applied, refused.deactivated),
        (409, false, 0)
    );
    let query = format!(
        "deactivate_missing=true&confirm_leavers={}",
        preview.leavers_confirmation
    );
    let (status, report) = import(&app, &client, &school, &query, without_alex).await;
    assert_eq!(status, 200);
    assert_eq!(report.deactivated, 1);
    let alex = person_id(&app, &staff(CHAD)).await;
    let (active,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT active FROM people WHERE id = $1"
    )
    .bind(&alex)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(active, 0);
    let matrix: Matrix = get_json(&app, &client, &format!("/api/schools/{school}/matrix")).await;
    assert!(
        matrix.rows.iter().all(|r| r.person_id != alex),
        "leavers leave the matrix"
    );
    let page: PersonDetail = get_json(&app, &client, &format!("/api/people/{alex}")).await;
    assert!(!page.active);
    assert_eq!(page.attestations.len(), 1, "their attestation stays");
    assert_eq!(page.attestations[0].code, receipt.code);
    assert_eq!(
        sign_in(&app, &staff(CHAD)).await,
        401,
        "a leaver cannot sign in"
    );

    let (_, back) = import(&app, &client, &school, "", GOOD).await;
    assert_eq!(back.reactivated, 1, "{back:#?}");
    assert_eq!(
        sign_in(&app, &staff(CHAD)).await,
        200,
        "a returner signs in again"
    );
}
on_both_databases!(a_leaver_is_deactivated_not_deleted_and_their_records_stay);

async fn one_person_can_be_added_and_edited(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let res = client
        .post(app.url(&format!("/api/schools/{school}/people")))
        .json(&serde_json::json!({
            "name": "Cleo Ray", "email": "cleo@chad.example", "groups": ["Governors"], "start_date": "2026-09-01"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let added: PersonDetail = res.json().await.unwrap();
    assert_eq!(added.memberships[0].groups, vec!["governors"]);
    assert_eq!(
        added.policies.len(),
        1,
        "the policy assigned to governors applies"
    );

    let res = client
        .put(app.url(&format!("/api/people/{}", added.id)))
        .json(&serde_json::json!({
            "name": "Cleo Ray-Smith", "email": "cleo@chad.example", "groups": ["support"], "start_date": "2026-09-02"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let edited: PersonDetail = res.json().await.unwrap();
    assert_eq!(edited.name, "Cleo Ray-Smith");
    assert_eq!(edited.memberships[0].groups, vec!["support"]);

    let bad = client
        .post(app.url(&format!("/api/schools/{school}/people")))
        .json(&serde_json::json!({ "name": "", "email": "x", "groups": [], "start_date": "2026-09-01" }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
}
on_both_databases!(one_person_can_be_added_and_edited);

/// A file of `n` people, `big0000@…` on: `change(i)` gives line i's name, groups and start date.
fn many(n: usize, change: impl Fn(usize) -> (String, &'static str, &'static str)) -> String {
    let mut file = String::from("name,email,groups,start date,school\n");
    for i in 0..n {
        let (name, groups, start) = change(i);
        file.push_str(&format!(
            "{name},big{i:04}@chad.example,{groups},{start},\n"
        ));
    }
    file
}

/// Each imported person's name, start date and groups at the school, by email.
async fn stored_many(app: &TestApp, school: &str) -> Vec<(String, String, String, String)> {
    let rows: Vec<(String, String, String, String)> = on_db!(app.db, |e| sqlx::query_as(
        "SELECT p.email, p.name, m.start_date, g.group_name FROM people p \
         JOIN memberships m ON m.person_id = p.id AND m.school_id = $1 \
         LEFT JOIN person_groups g ON g.person_id = p.id AND g.school_id = $1 \
         WHERE p.email LIKE 'big%' ORDER BY p.email, g.group_name",
    )
    .bind(school)
    .fetch_all(e)
    .await)
    .unwrap();
    rows
}

async fn thousands_import_in_one_go_and_a_changed_copy_changes_only_its_changes(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    // More rows than one statement or one IN list holds, so every chunk boundary is crossed.
    let n = 1_234;
    let first = many(n, |i| {
        (format!("Big {i}"), "teaching;support", "2026-09-01")
    });
    let (status, report) = import(&app, &client, &school, "", &first).await;
    assert_eq!(status, 200, "{:?}", report.errors);
    assert_eq!(report.created, n as u32);
    let stored = stored_many(&app, &school).await;
    assert_eq!(stored.len(), 2 * n, "two groups each");
    assert_eq!(
        stored[0],
        (
            "big0000@chad.example".into(),
            "Big 0".into(),
            "2026-09-01".into(),
            "support".into()
        )
    );

    let second = many(n, |i| match i % 4 {
        0 => (format!("Renamed {i}"), "teaching;support", "2026-09-01"),
        1 => (format!("Big {i}"), "governors", "2026-09-01"),
        2 => (format!("Big {i}"), "teaching;support", "2026-10-01"),
        _ => (format!("Big {i}"), "teaching;support", "2026-09-01"),
    });
    let (_, preview) = import(&app, &client, &school, "dry_run=true", &second).await;
    assert_eq!(
        stored_many(&app, &school).await,
        stored,
        "a preview writes nothing"
    );
    let (_, report) = import(&app, &client, &school, "", &second).await;
    assert_eq!(
        report.rows, preview.rows,
        "the preview showed what happened"
    );
    let changed = (0..n).filter(|i| i % 4 != 3).count();
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (0, changed as u32, (n - changed) as u32)
    );
    let after = stored_many(&app, &school).await;
    let person = |i: usize| -> Vec<&(String, String, String, String)> {
        let email = format!("big{i:04}@chad.example");
        after.iter().filter(|r| r.0 == email).collect()
    };
    assert_eq!(person(1000)[0].1, "Renamed 1000");
    let governor = person(1001);
    assert_eq!(governor.len(), 1);
    assert_eq!(governor[0].3, "governors");
    assert_eq!(person(1002)[0].2, "2026-10-01");
    assert_eq!(person(1003)[0].1, "Big 1003");
    assert_eq!(
        after.len(),
        stored.len() - (0..n).filter(|i| i % 4 == 1).count(),
        "governors have one group"
    );
}
on_both_databases!(thousands_import_in_one_go_and_a_changed_copy_changes_only_its_changes);
