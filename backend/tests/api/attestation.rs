//! Attesting a passed quiz: what is refused, what the record holds, receipts and public checks.

use attest_domain::api::{Receipt, Status, VerifyView};
use chrono::NaiveDate;

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::steps::*;
use attest::on_db;

async fn a_failed_attempt_cannot_be_attested(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let failed = take_quiz(&app, &client, &version_id, |n| right_needed(n, 80) - 1).await;
    assert!(!failed.passed);
    let res = request_attestation(&app, &client, &failed.attempt_id).await;
    assert_eq!(res.status(), 422);
    // Nor can an attempt that was never submitted.
    let open = start_attempt(&app, &client, &version_id).await;
    let res = request_attestation(&app, &client, &open.id).await;
    assert_eq!(res.status(), 422);
    let (count,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM attestations"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(count, 0);
    assert_eq!(status_now(&app, &client).await, Status::InProgress);
}
on_both_databases!(a_failed_attempt_cannot_be_attested);

async fn attesting_needs_the_confirmation(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let passed = pass_quiz(&app, &client, &version_id).await;
    let res = client
        .post(app.url(&format!("/api/attempts/{}/attestation", passed.attempt_id)))
        .json(&serde_json::json!({ "confirm": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(status_now(&app, &client).await, Status::Passed);
}
on_both_databases!(attesting_needs_the_confirmation);

async fn the_same_attempt_cannot_be_attested_twice(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let passed = pass_quiz(&app, &client, &version_id).await;
    attest(&app, &client, &passed.attempt_id).await;
    let again = request_attestation(&app, &client, &passed.attempt_id).await;
    assert_eq!(again.status(), 409);
    let (count,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM attestations WHERE attempt_id = $1"
    )
    .bind(&passed.attempt_id)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(count, 1);
}
on_both_databases!(the_same_attempt_cannot_be_attested_twice);

#[derive(Debug, sqlx::FromRow)]
struct StoredAttestation {
    person_id: String,
    school_id: String,
    version_id: String,
    text_sha256: String,
    attempt_id: String,
    score: i64,
    total: i64,
    attested_at: String,
    ip: String,
    user_agent: String,
}

async fn the_record_holds_the_evidence(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let result = take_quiz(&app, &client, &version_id, |n| n - 1).await;
    assert!(result.passed);
    let receipt = attest(&app, &client, &result.attempt_id).await;

    let row: StoredAttestation = on_db!(app.db, |e| sqlx::query_as(
        "SELECT person_id, school_id, version_id, text_sha256, attempt_id, score, total, \
           attested_at, ip, user_agent FROM attestations WHERE id = $1",
    )
    .bind(&receipt.id)
    .fetch_one(e)
    .await)
    .unwrap();
    let (person_id,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT id FROM people WHERE email = $1"
    )
    .bind(STAFF)
    .fetch_one(e)
    .await)
    .unwrap();
    let (school_id, source_text): (String, String) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT p.school_id, v.source_text FROM policy_versions v \
         JOIN policies p ON p.id = v.policy_id WHERE v.id = $1",
    )
    .bind(&version_id)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(row.person_id, person_id);
    assert_eq!(row.school_id, school_id);
    assert_eq!(row.version_id, version_id);
    assert_eq!(row.text_sha256, attest::publish::text_sha256(&source_text));
    assert_eq!(row.text_sha256.len(), 64);
    assert_eq!(row.attempt_id, result.attempt_id);
    assert_eq!(
        (row.score, row.total),
        (i64::from(result.score), i64::from(result.total))
    );
    assert_eq!(
        row.attested_at, "2026-09-01T09:00:00Z",
        "UTC, from the clock"
    );
    assert_eq!(row.ip, "127.0.0.1");
    assert_eq!(row.user_agent, USER_AGENT);

    // The receipt names the same facts, and the statement names policy, version and date.
    assert_eq!(receipt.person_name, "Alex Taylor");
    assert_eq!(receipt.text_sha256, row.text_sha256);
    assert_eq!(
        receipt.expires,
        NaiveDate::from_ymd_opt(2027, 9, 1).unwrap()
    );
    assert!(receipt.statement.contains(&receipt.policy_title));
    assert!(receipt.statement.contains(&receipt.version_label));
    assert!(receipt.statement.contains("(1 September 2026)"));
    assert_eq!(receipt.code.len(), 9);
}
on_both_databases!(the_record_holds_the_evidence);

async fn receipts_are_their_owners_only(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let receipt = complete_module(&app, &client).await;
    let own = client
        .get(app.url(&format!("/api/attestations/{}", receipt.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
    let again: Receipt = own.json().await.unwrap();
    assert_eq!(again, receipt, "a reload shows the same receipt");

    // A colleague at the same school, someone at another school, and nobody at all.
    for other in [Some(MANAGER), Some(OTHER_STAFF), None] {
        let c = match other {
            Some(email) => signed_in(&app, email).await,
            None => app.new_client(),
        };
        let res = c
            .get(app.url(&format!("/api/attestations/{}", receipt.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), if other.is_some() { 404 } else { 401 });
    }
    let forged = client
        .get(app.url("/api/attestations/0123456789abcdef0123456789abcdef"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 404);
}
on_both_databases!(receipts_are_their_owners_only);

async fn verification_shows_only_name_policy_version_and_date(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let receipt = complete_module(&app, &client).await;

    // The public check needs no session, and accepts the code in lower case.
    let anonymous = app.new_client();
    let res = anonymous
        .get(app.url(&format!("/api/verify/{}", receipt.code.to_lowercase())))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    let mut keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["date", "name", "policy", "version"]);
    let view: VerifyView = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(view.name, receipt.person_name);
    assert_eq!(view.policy, receipt.policy_title);
    assert_eq!(view.version, receipt.version_label);
    assert_eq!(view.date, NaiveDate::from_ymd_opt(2026, 9, 1).unwrap());
    let text = body.to_string();
    for private in [
        receipt.hash.as_str(),
        receipt.text_sha256.as_str(),
        receipt.id.as_str(),
        "127.0.0.1",
    ] {
        assert!(!text.contains(private));
    }

    for unknown in ["ZZZZ-ZZZZ", "nothing", "%20"] {
        let res = anonymous
            .get(app.url(&format!("/api/verify/{unknown}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{unknown}");
    }
}
on_both_databases!(verification_shows_only_name_policy_version_and_date);

async fn a_passed_attempt_waits_to_be_signed_until_it_is(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let module = |c: reqwest::Client| {
        let url = app.url(&format!("/api/modules/{version_id}"));
        async move {
            let view: attest_domain::api::ModuleView =
                c.get(url).send().await.unwrap().json().await.unwrap();
            view.unattested_pass
        }
    };
    assert_eq!(module(client.clone()).await, None);
    take_quiz(&app, &client, &version_id, |_| 0).await;
    assert_eq!(
        module(client.clone()).await,
        None,
        "a failed attempt is not offered"
    );

    let passed = pass_quiz(&app, &client, &version_id).await;
    // Another device (or a reload) finds the pass waiting to be signed.
    let phone = signed_in(&app, STAFF).await;
    assert_eq!(module(phone.clone()).await, Some(passed.attempt_id.clone()));
    attest(&app, &phone, &passed.attempt_id).await;
    assert_eq!(module(client).await, None);
}
on_both_databases!(a_passed_attempt_waits_to_be_signed_until_it_is);

async fn an_attempt_whose_policy_is_no_longer_assigned_is_not_found(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    let open = start_attempt(&app, &client, &version_id).await;
    let passed = pass_quiz(&app, &client, &version_id).await;
    // The person moves out of every group the policy is assigned to.
    on_db!(app.db, |e| sqlx::query(
        "DELETE FROM person_groups WHERE person_id = (SELECT id FROM people WHERE email = $1)",
    )
    .bind(STAFF)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let answers = answers_with(&app, &open.id, open.questions.len()).await;
    assert_eq!(
        submit(&app, &client, &open.id, &answers).await.status(),
        404
    );
    let res = request_attestation(&app, &client, &passed.attempt_id).await;
    assert_eq!(res.status(), 404);
    let (count,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM attestations"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(count, 0);
}
on_both_databases!(an_attempt_whose_policy_is_no_longer_assigned_is_not_found);
