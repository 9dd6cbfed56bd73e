//! The original kept: an upload is stored by its SHA-256, named by its version and every
//! attestation of it, downloaded byte for byte by its staff and managers only, and
//! `attest verify` notices a changed byte.

use std::process::Command;

use attest_domain::api::{DraftPublished, PolicyDraft, PolicyText};
use sha2::{Digest, Sha256};

use super::drafts::{self, look_at_everything, settings};
use super::support::*;
use crate::helpers::{workspace_dir, TestApp};
use crate::on_both_databases;
use crate::steps::{attest, pass_quiz};
use attest::on_db;

/// A real Word document: its bytes are nothing like the text read from it.
fn docx() -> Vec<u8> {
    std::fs::read(workspace_dir().join("domain/tests/fixtures/chad-vale-primary.docx")).unwrap()
}

fn hex_sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    school: &str,
    bytes: &[u8],
) -> PolicyDraft {
    let res = client
        .post(app.url(&format!(
            "/api/schools/{school}/drafts?file_name=Staff%20code.docx"
        )))
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

/// Reviews and publishes the draft for the staff member's group.
async fn publish(app: &TestApp, client: &reqwest::Client, draft: &PolicyDraft) -> DraftPublished {
    let group: (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT g.group_name FROM person_groups g JOIN people p ON p.id = g.person_id WHERE p.email = $1",
    )
    .bind(staff(CHAD))
    .fetch_one(e).await)
    .unwrap();
    look_at_everything(app, client, draft).await;
    let mut body = settings("v1", false);
    body["title"] = "Staff code".into();
    body["groups"] = serde_json::json!([group.0]);
    let (status, text) = drafts::publish(app, client, &draft.id, body).await;
    assert_eq!(status, 201, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn download(app: &TestApp, client: &reqwest::Client, version: &str) -> reqwest::Response {
    client
        .get(app.url(&format!("/api/versions/{version}/original")))
        .send()
        .await
        .unwrap()
}

async fn an_upload_is_kept_and_its_staff_download_it_byte_for_byte(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let bytes = docx();
    let draft = upload(&app, &head, &school, &bytes).await;
    assert_eq!(draft.source_sha256, hex_sha256(&bytes));

    let published = publish(&app, &head, &draft).await;
    assert_eq!(published.source_sha256, draft.source_sha256);
    let version = published.version_id;
    let (stored,): (Option<String>,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT source_sha256 FROM policy_versions WHERE id = $1"
    )
    .bind(&version)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(stored.as_deref(), Some(draft.source_sha256.as_str()));

    // The member of staff sees the whole policy and the original's details, and downloads it.
    let teacher = client_for(&app, &staff(CHAD)).await;
    let text: PolicyText =
        get_json(&app, &teacher, &format!("/api/modules/{version}/policy")).await;
    assert_eq!(text.clauses.len(), draft.clauses.len());
    assert!(text
        .clauses
        .iter()
        .all(|c| !c.text.is_empty() && !c.id.is_empty()));
    let original = text.original.expect("the original is offered");
    assert_eq!(
        (original.size, original.file_name.as_str()),
        (bytes.len() as u64, "Staff code.docx")
    );
    let res = download(&app, &teacher, &version).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("wordprocessingml"));
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("filename=\"Staff code.docx\""));
    assert_eq!(res.bytes().await.unwrap().as_ref(), bytes.as_slice());
    // So does their manager; another school's staff and manager get 404, as for no such version.
    assert_eq!(download(&app, &head, &version).await.status(), 200);
    for outsider in [staff(CAMELEY), manager(CAMELEY)] {
        let client = client_for(&app, &outsider).await;
        assert_eq!(
            download(&app, &client, &version).await.status(),
            404,
            "{outsider}"
        );
        let res = client
            .get(app.url(&format!("/api/modules/{version}/policy")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{outsider}");
    }

    // The attestation names the original too.
    let passed = pass_quiz(&app, &teacher, &version).await;
    let receipt = attest(&app, &teacher, &passed.attempt_id).await;
    let (named,): (Option<String>,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT source_sha256 FROM attestations WHERE id = $1"
    )
    .bind(&receipt.id)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(named.as_deref(), Some(draft.source_sha256.as_str()));
    assert!(::attest::chain::verify_all(&app.db)
        .await
        .unwrap()
        .is_intact());
}
on_both_databases!(an_upload_is_kept_and_its_staff_download_it_byte_for_byte);

/// Runs `attest verify` on the test's database: (succeeded, stdout).
fn run_verify(app: &TestApp) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_attest"))
        .args(["verify", "--database-url", &app.db_url])
        .env_remove("ATTEST_DATABASE_URL")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

async fn verify_reports_a_kept_file_whose_bytes_changed(app: TestApp) {
    // The demo's versions keep their sample files as originals.
    let (ok, out) = run_verify(&app);
    assert!(ok, "{out}");
    assert!(out.contains("every kept file matches its hash"), "{out}");
    let (sha256, name): (String, String) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT sha256, file_name FROM sources ORDER BY sha256 LIMIT 1"
    )
    .fetch_one(e)
    .await)
    .unwrap();

    on_db!(app.db, |e| sqlx::query(
        "UPDATE sources SET bytes = $1 WHERE sha256 = $2"
    )
    .bind(b"a quietly different policy".to_vec())
    .bind(&sha256)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let (ok, out) = run_verify(&app);
    assert!(!ok, "verify must exit non-zero: {out}");
    assert!(
        out.contains(&format!(
            "kept file {sha256} ({name}) no longer matches its hash"
        )),
        "{out}"
    );
}
on_both_databases!(verify_reports_a_kept_file_whose_bytes_changed);

async fn the_demo_versions_offer_their_sample_files_as_originals(app: TestApp) {
    let teacher = client_for(&app, &staff(CHAD)).await;
    let version = my_modules(&app, &teacher).await[0].version_id.clone();
    let res = download(&app, &teacher, &version).await;
    assert_eq!(res.status(), 200);
    let sample =
        std::fs::read(workspace_dir().join("content/policies/chad-vale-primary.txt")).unwrap();
    assert_eq!(res.bytes().await.unwrap().as_ref(), sample.as_slice());
}
on_both_databases!(the_demo_versions_offer_their_sample_files_as_originals);
