//! The evidence PDF read back with pdftotext: names in any Latin script, the title page,
//! cells that wrap rather than run off, and one person's certificates.

use attest_domain::api::EvidenceReport;

use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;

/// Staff whose names the old writer printed with `?`, the first of them the demo's staff member.
const NAMES: [(&str, &str); 5] = [
    ("Siân O'Brien", "staff@chad-vale-primary.example"),
    ("Zoë Ní Bhriain", "zoe.nibhriain@chad.example"),
    ("Ŵyn Ŷr", "wyn.yr@chad.example"),
    ("Łukasz Dąbrowski", "lukasz.dabrowski@chad.example"),
    ("José Núñez", "jose.nunez@chad.example"),
];

async fn staff_with_accented_names(app: &TestApp, client: &reqwest::Client, school: &str) {
    let mut file = String::from("name,email,groups,start date,school\n");
    for (name, email) in NAMES {
        file.push_str(&format!("{name},{email},teaching,2026-08-25,\n"));
    }
    let res = client
        .post(app.url(&format!("/api/schools/{school}/people/import")))
        .header("content-type", "text/csv")
        .body(file)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

async fn pdf(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, Vec<u8>) {
    let res = client.get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.bytes().await.unwrap().to_vec())
}

async fn every_name_prints_in_the_evidence_pdf_and_reads_back_as_written(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    staff_with_accented_names(&app, &client, &school).await;
    let receipt = complete_training(&app, &staff(CHAD)).await;

    let (status, bytes) = pdf(
        &app,
        &client,
        &format!("/api/schools/{school}/evidence.pdf"),
    )
    .await;
    assert_eq!(status, 200);
    let text = pdf_text(&bytes);
    for (name, _) in NAMES {
        assert!(text.contains(name), "{name} in:\n{text}");
    }
    assert!(!text.contains('?'), "{text}");
    let report: EvidenceReport =
        get_json(&app, &client, &format!("/api/schools/{school}/evidence")).await;
    let day = report.as_at.format("%-d %B %Y").to_string();
    assert!(text.contains(&format!("As at {day}")), "{text}");
    assert!(text.contains("Chain check: intact"), "{text}");
    // The hashes wrap inside their column: every character is there, across lines.
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains(&receipt.text_sha256), "{text}");
    assert!(joined.contains(&receipt.hash), "{text}");
    // Only the glyphs used are embedded, not the typeface's 700 KB.
    assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
}
on_both_databases!(every_name_prints_in_the_evidence_pdf_and_reads_back_as_written);

async fn a_persons_certificates_name_what_they_attested_and_only_for_their_school(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    staff_with_accented_names(&app, &client, &school).await;
    let receipt = complete_training(&app, &staff(CHAD)).await;
    let person = person_id(&app, &staff(CHAD)).await;
    // The report names the school and each attester by id, for the page's certificate links.
    let report: EvidenceReport =
        get_json(&app, &client, &format!("/api/schools/{school}/evidence")).await;
    assert_eq!(report.school_id, school);
    assert_eq!(report.attestations[0].person_id, person);

    let path = format!("/api/schools/{school}/evidence.pdf?person={person}");
    let (status, bytes) = pdf(&app, &client, &path).await;
    assert_eq!(status, 200);
    let text = pdf_text(&bytes);
    assert!(text.contains("Certificate of attestation"), "{text}");
    assert!(text.contains("Siân O'Brien"), "{text}");
    assert!(text.contains(&receipt.code), "{text}");
    assert!(!text.contains("Zoë"), "only the one person: {text}");

    // Someone of another school, asked for through this school: not found.
    let elsewhere = person_id(&app, &staff(CAMELEY)).await;
    let path = format!("/api/schools/{school}/evidence.pdf?person={elsewhere}");
    assert_eq!(pdf(&app, &client, &path).await.0, 404);
    // Another school's manager cannot ask for it at all.
    let other = client_for(&app, &manager(CAMELEY)).await;
    let path = format!("/api/schools/{school}/evidence.pdf?person={person}");
    assert_eq!(pdf(&app, &other, &path).await.0, 404);
}
on_both_databases!(a_persons_certificates_name_what_they_attested_and_only_for_their_school);
