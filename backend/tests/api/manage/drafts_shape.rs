//! Review before publish: a clause of two sentences split in two, two clauses joined, and the
//! published version keeping the clauses as the manager shaped them.

use attest_domain::api::PolicyDraft;

use super::drafts::{look_at_everything, publish, settings, step, upload};
use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;
use attest::on_db;

/// 2.1 holds two duties in one clause; 2.3 only finishes the thought of 2.2. (Each duty names
/// the moment it applies, so the policy has questions to ask and can be published.)
const VISITORS: &str = "Visitor Policy\n\n2. Visitors\n\n\
    2.1 When a visitor arrives, staff must sign them in at the office. Staff must not leave a visitor alone with pupils.\n\
    2.2 Staff should escort a visitor who has not been checked.\n\
    2.3 This applies until they leave the school site.\n";

fn ids(draft: &PolicyDraft) -> Vec<String> {
    draft.clauses.iter().map(|c| c.clause.id.clone()).collect()
}

async fn a_manager_splits_and_joins_clauses_and_publishes_them_so(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let draft = upload(&app, &client, &school, None, VISITORS).await;
    let base = format!("/api/drafts/{}", draft.id);
    let before = ids(&draft);
    assert!(before.contains(&"2.1".to_string()), "{before:?}");

    let post = reqwest::Method::POST;
    let (status, text) = step(
        &app,
        &client,
        post.clone(),
        &format!("{base}/clauses/2.1/split"),
        serde_json::json!({ "at": 1 }),
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let split: PolicyDraft = get_json(&app, &client, &base).await;
    assert_eq!(split.clauses.len(), draft.clauses.len() + 1);
    let at = split
        .clauses
        .iter()
        .position(|c| c.clause.id == "2.1")
        .unwrap();
    let (first, second) = (&split.clauses[at].clause, &split.clauses[at + 1].clause);
    assert!(first.text.contains("sign them in") && !first.text.contains("alone"));
    assert!(
        second.text.contains("alone") && second.id != "2.1",
        "{second:?}"
    );

    let (status, text) = step(
        &app,
        &client,
        post,
        &format!("{base}/clauses/2.2/join"),
        serde_json::json!({}),
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let joined: PolicyDraft = get_json(&app, &client, &base).await;
    assert_eq!(joined.clauses.len(), split.clauses.len() - 1);
    let escort = joined
        .clauses
        .iter()
        .find(|c| c.clause.id == "2.2")
        .unwrap();
    assert!(
        escort.clause.text.contains("until they leave"),
        "{escort:?}"
    );
    assert!(!ids(&joined).contains(&"2.3".to_string()));

    look_at_everything(&app, &client, &joined).await;
    let (status, text) = publish(&app, &client, &joined.id, settings("v1", false)).await;
    assert_eq!(status, 201, "{text}");
    let version: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (json,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT clause_set FROM policy_versions WHERE id = $1"
    )
    .bind(version["version_id"].as_str().unwrap())
    .fetch_one(e)
    .await)
    .unwrap();
    let stored: attest_domain::ClauseSet = serde_json::from_str(&json).unwrap();
    let stored_ids: Vec<&str> = stored.clauses.iter().map(|c| c.id.as_str()).collect();
    let shaped: Vec<String> = ids(&joined);
    assert_eq!(
        stored_ids, shaped,
        "the version keeps the clauses as reviewed"
    );
}
on_both_databases!(a_manager_splits_and_joins_clauses_and_publishes_them_so);
