//! Paper signatures: recorded with their witness and scan, they make the person attested,
//! join the chain, and the evidence says they were on paper; bad records change nothing.

use attest_domain::api::{AuditEntry, EvidenceReport, PersonDetail, Status};

use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;
use attest::on_db;

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    person: &str,
    query: &str,
    scan: &'static [u8],
) -> (u16, String) {
    let res = client
        .post(app.url(&format!("/api/people/{person}/paper-signatures?{query}")))
        .header("content-type", "application/octet-stream")
        .body(scan)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn chain_length(app: &TestApp) -> i64 {
    let (n,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM attestations"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    n
}

async fn a_paper_signature_attests_and_is_marked_as_such_in_evidence(app: TestApp) {
    let chad = school_id(&app, CHAD).await;
    let person = person_id(&app, &staff(CHAD)).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let before: PersonDetail = get_json(&app, &head, &format!("/api/people/{person}")).await;
    let policy = &before.policies[0];
    assert_ne!(policy.status, Status::Attested);
    let version = policy.version_id.clone();
    let today = app.clock.now().date_naive();

    // Refused, and nothing stored.
    let tomorrow = today + chrono::Days::new(1);
    let other = client_for(&app, &manager(CAMELEY)).await;
    let ok = format!("version_id={version}&signed_on={today}&witness=Ann%20Head");
    for (client, query, status) in [
        (
            &head,
            format!("version_id={version}&signed_on={today}&witness=%20"),
            422,
        ),
        (
            &head,
            format!("version_id={version}&signed_on={tomorrow}&witness=Ann"),
            422,
        ),
        (
            &head,
            format!("version_id={version}&signed_on=2020-01-01&witness=Ann"),
            422,
        ),
        (
            &head,
            format!("version_id=not-a-version&signed_on={today}&witness=Ann"),
            404,
        ),
        (&other, ok.clone(), 404),
    ] {
        let (got, text) = post(&app, client, &person, &query, b"").await;
        assert_eq!(got, status, "{query}: {text}");
    }
    assert_eq!(chain_length(&app).await, 0);

    let (got, text) = post(
        &app,
        &head,
        &person,
        &format!("{ok}&file_name=signed.pdf"),
        b"%PDF-1.4 scan",
    )
    .await;
    assert_eq!(got, 201, "{text}");
    let after: PersonDetail = serde_json::from_str(&text).unwrap();
    assert_eq!(after.policies[0].status, Status::Attested);
    assert_eq!(after.attestations.len(), 1);
    assert!(
        after.attempts.is_empty(),
        "the paper record is not a quiz attempt"
    );
    let paper = after.attestations[0]
        .paper
        .clone()
        .expect("marked as on paper");
    assert_eq!(paper.witness, "Ann Head");
    assert_eq!(paper.signed_on, today);
    assert!(paper.scan_sha256.is_some());
    assert!(
        after.attestations[0].verified,
        "it joins the chain and the chain verifies"
    );

    let report: EvidenceReport =
        get_json(&app, &head, &format!("/api/schools/{chad}/evidence")).await;
    let row = report
        .attestations
        .iter()
        .find(|a| a.person_id == person)
        .unwrap();
    assert_eq!(row.how_signed(), "on paper, witnessed by Ann Head");
    let csv = head
        .get(app.url(&format!("/api/schools/{chad}/attestations.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains("on paper, witnessed by Ann Head"), "{csv}");
    let pdf = head
        .get(app.url(&format!("/api/schools/{chad}/evidence.pdf?person={person}")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let text = pdf_text(&pdf);
    assert!(text.contains("signed on paper"), "{text}");
    // The school's whole report names the witness too (its cell wraps beside the day's).
    let pdf = head
        .get(app.url(&format!("/api/schools/{chad}/evidence.pdf")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let words = pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.contains("on paper, witnessed") && words.contains("by Ann Head"),
        "{words}"
    );
    let lines: Vec<AuditEntry> = get_json(&app, &head, &format!("/api/schools/{chad}/audit")).await;
    assert!(lines
        .iter()
        .any(|l| l.action.as_str() == "paper_signature_recorded" && l.detail.contains("Ann Head")));
}
on_both_databases!(a_paper_signature_attests_and_is_marked_as_such_in_evidence);
