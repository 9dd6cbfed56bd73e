//! Review before publish: drafts belong to their school, bad steps change nothing, the
//! publish gate, and the history of who did what.

use attest_domain::api::{AuditAction, DraftPublished, PolicyDraft, PolicyHistory};
use attest_domain::clauses::Modality;
use attest_domain::review::QuestionAction;

use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;
use attest::on_db;

/// A small policy: a plain duty, an advisory one, a headteacher's duty (flagged) and a definition.
/// Each of the reader's duties names the moment it applies, so each is asked.
pub const BADGES: &str = "Badge Policy\n\n1. Badges\n\n\
    1.1 While on the school site, staff should wear their badge at all times.\n\
    1.2 When a visitor or a contractor asks, staff must not lend their badge to them.\n\
    1.3 The headteacher must review the badge register every term.\n\
    1.4 In this policy, a badge means the photo identity card issued by the office.\n";

/// Uploads `text` as a draft (a new version of `policy` when given), asserting 201.
pub async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    school: &str,
    policy: Option<&str>,
    text: &str,
) -> PolicyDraft {
    let policy = policy
        .map(|p| format!("&policy_id={p}"))
        .unwrap_or_default();
    let res = client
        .post(app.url(&format!(
            "/api/schools/{school}/drafts?file_name=badges.txt{policy}"
        )))
        .body(text.to_string())
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(status, 201, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Sends one review step; returns its status and the body.
pub async fn step(
    app: &TestApp,
    client: &reqwest::Client,
    method: reqwest::Method,
    path: &str,
    body: serde_json::Value,
) -> (u16, String) {
    let res = client
        .request(method, app.url(path))
        .json(&body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Marks every flagged clause and question that waits as looked at, as read or approved.
pub async fn look_at_everything(app: &TestApp, client: &reqwest::Client, draft: &PolicyDraft) {
    for c in draft.clauses.iter().filter(|c| c.outstanding()) {
        let path = format!("/api/drafts/{}/clauses/{}", draft.id, c.clause.id);
        let (status, body) = step(
            app,
            client,
            reqwest::Method::PUT,
            &path,
            serde_json::json!({}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let draft: PolicyDraft = get_json(app, client, &format!("/api/drafts/{}", draft.id)).await;
    for q in draft
        .questions
        .iter()
        .filter(|q| q.reading.flagged() && q.action.is_none())
    {
        let path = format!("/api/drafts/{}/questions/{}", draft.id, q.question.id);
        let body = serde_json::json!({ "action": "approved" });
        let (status, text) = step(app, client, reqwest::Method::PUT, &path, body).await;
        assert_eq!(status, 200, "{text}");
    }
}

/// The settings a publish sends.
pub fn settings(label: &str, unreviewed: bool) -> serde_json::Value {
    serde_json::json!({
        "version_label": label, "review_period_months": 12, "pass_mark": 80,
        "groups": ["teaching", "support", "governors", "volunteers"], "publish_unreviewed": unreviewed
    })
}

/// Publishes a draft; returns the status and the body.
pub async fn publish(
    app: &TestApp,
    client: &reqwest::Client,
    draft: &str,
    settings: serde_json::Value,
) -> (u16, String) {
    let path = format!("/api/drafts/{draft}/publish");
    step(app, client, reqwest::Method::POST, &path, settings).await
}

/// Uploads `text` as a draft (of `policy` when given), looks at every flagged item and
/// publishes it with `settings`; the status and the answer.
pub async fn publish_text(
    app: &TestApp,
    client: &reqwest::Client,
    school: &str,
    policy: Option<&str>,
    text: &str,
    settings: serde_json::Value,
) -> (u16, String) {
    let draft = upload(app, client, school, policy, text).await;
    look_at_everything(app, client, &draft).await;
    publish(app, client, &draft.id, settings).await
}

async fn policy_count(app: &TestApp) -> i64 {
    let (n,): (i64,) = on_db!(app.db, |e| sqlx::query_as("SELECT COUNT(*) FROM policies")
        .fetch_one(e)
        .await)
    .unwrap();
    n
}

async fn a_draft_belongs_to_its_school(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let own = client_for(&app, &manager(CHAD)).await;
    let draft = upload(&app, &own, &school, None, BADGES).await;
    assert_eq!(draft.clauses.len(), 4);
    assert_eq!(draft.source_sha256.len(), 64);
    // Publishing may assign it to the groups the school's people are in.
    let (group,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT g.group_name FROM person_groups g JOIN people p ON p.id = g.person_id \
         WHERE p.email = $1",
    )
    .bind(staff(CHAD))
    .fetch_one(e)
    .await)
    .unwrap();
    assert!(draft.groups.contains(&group), "{:?}", draft.groups);
    assert!(
        draft.groups.windows(2).all(|w| w[0] < w[1]),
        "sorted, once each"
    );
    let other = client_for(&app, &manager(CAMELEY)).await;
    let staff = client_for(&app, &staff(CHAD)).await;
    let get = format!("/api/drafts/{}", draft.id);
    let clause = format!("/api/drafts/{}/clauses/1.1", draft.id);
    let publish_path = format!("/api/drafts/{}/publish", draft.id);
    for (client, want) in [(&other, 404), (&staff, 403)] {
        let res = client.get(app.url(&get)).send().await.unwrap();
        assert_eq!(res.status(), want);
        let body = res.text().await.unwrap();
        assert!(!body.contains("Badge"), "{body}");
        let (status, _) = step(
            &app,
            client,
            reqwest::Method::PUT,
            &clause,
            serde_json::json!({ "strength": "must" }),
        )
        .await;
        assert_eq!(status, want);
        let (status, _) = step(
            &app,
            client,
            reqwest::Method::POST,
            &publish_path,
            settings("v1", true),
        )
        .await;
        assert_eq!(status, want);
    }
    let unchanged: PolicyDraft = get_json(&app, &own, &get).await;
    assert_eq!(unchanged, draft, "nothing changed by the refused calls");
    assert_eq!(policy_count(&app).await, 5, "only the five demo policies");
}
on_both_databases!(a_draft_belongs_to_its_school);

async fn bad_review_steps_are_refused_and_change_nothing(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let draft = upload(&app, &client, &school, None, BADGES).await;
    let put = reqwest::Method::PUT;
    let post = reqwest::Method::POST;
    let base = format!("/api/drafts/{}", draft.id);
    let cases = [
        (
            put.clone(),
            format!("{base}/clauses/1.1"),
            serde_json::json!({ "text": "   " }),
        ),
        (
            put.clone(),
            format!("{base}/clauses/9.9"),
            serde_json::json!({ "strength": "must" }),
        ),
        (
            post.clone(),
            format!("{base}/clauses/1.1/split"),
            serde_json::json!({ "at": 0 }),
        ),
        (
            post.clone(),
            format!("{base}/clauses/1.4/join"),
            serde_json::json!({}),
        ),
        (
            put.clone(),
            format!("{base}/questions/no-such"),
            serde_json::json!({ "action": "approved" }),
        ),
        (
            post.clone(),
            format!("{base}/questions"),
            serde_json::json!({
                "clause_id": "1.2", "stem": "A visitor asks for your badge.", "options": ["Refuse"], "answer": 0
            }),
        ),
        (
            post.clone(),
            format!("{base}/questions"),
            serde_json::json!({
                "clause_id": "1.2", "stem": "A visitor asks for your badge.", "options": ["Refuse", "Lend it"], "answer": 5
            }),
        ),
    ];
    for (method, path, body) in cases {
        let (status, text) = step(&app, &client, method, &path, body).await;
        assert_eq!(status, 422, "{path}: {text}");
        let message = serde_json::from_str::<serde_json::Value>(&text).unwrap()["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            message.len() > 10,
            "a sentence saying what is wrong: {message}"
        );
    }
    let after: PolicyDraft = get_json(&app, &client, &base).await;
    assert_eq!(after, draft);
}
on_both_databases!(bad_review_steps_are_refused_and_change_nothing);

async fn publishing_waits_until_every_flagged_item_is_looked_at(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let draft = upload(&app, &client, &school, None, BADGES).await;
    let flagged = draft.outstanding_clauses + draft.outstanding_questions;
    assert!(flagged > 0, "the headteacher's duty is flagged: {draft:#?}");
    let least_sure = draft
        .questions
        .windows(2)
        .all(|w| w[0].reading.confidence <= w[1].reading.confidence);
    assert!(least_sure, "questions come least sure first");

    let (status, body) = publish(&app, &client, &draft.id, settings("v1", false)).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("publish unreviewed"), "{body}");
    assert_eq!(policy_count(&app).await, 5, "nothing published");

    look_at_everything(&app, &client, &draft).await;
    let reviewed: PolicyDraft = get_json(&app, &client, &format!("/api/drafts/{}", draft.id)).await;
    assert_eq!(
        (reviewed.outstanding_clauses, reviewed.outstanding_questions),
        (0, 0)
    );
    let (status, body) = publish(&app, &client, &draft.id, settings("v1", false)).await;
    assert_eq!(status, 201, "{body}");
    let published: DraftPublished = serde_json::from_str(&body).unwrap();
    assert_eq!(published.unreviewed, 0);
    assert_eq!(published.source_sha256, draft.source_sha256);
    let (status, body) = publish(&app, &client, &draft.id, settings("v2", false)).await;
    assert_eq!(status, 409, "a draft publishes once: {body}");
    let path = format!("/api/drafts/{}/clauses/1.1", draft.id);
    let (status, _) = step(
        &app,
        &client,
        reqwest::Method::PUT,
        &path,
        serde_json::json!({}),
    )
    .await;
    assert_eq!(status, 409, "a published draft is closed");
}
on_both_databases!(publishing_waits_until_every_flagged_item_is_looked_at);

async fn a_manager_may_choose_to_publish_unreviewed(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let draft = upload(&app, &client, &school, None, BADGES).await;
    let (status, body) = publish(&app, &client, &draft.id, settings("v1", true)).await;
    assert_eq!(status, 201, "{body}");
    let published: DraftPublished = serde_json::from_str(&body).unwrap();
    assert_eq!(
        published.unreviewed,
        draft.outstanding_clauses + draft.outstanding_questions
    );
    let history: PolicyHistory = get_json(
        &app,
        &client,
        &format!("/api/policies/{}/history", published.policy_id),
    )
    .await;
    let line = history
        .entries
        .iter()
        .find(|e| e.action == AuditAction::PolicyPublished)
        .unwrap();
    assert!(line.detail.contains("unreviewed"), "{}", line.detail);
}
on_both_databases!(a_manager_may_choose_to_publish_unreviewed);

async fn the_history_names_who_reviewed_and_published_what(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let draft = upload(&app, &client, &school, None, BADGES).await;
    let path = format!("/api/drafts/{}/clauses/1.1", draft.id);
    let (status, body) = step(
        &app,
        &client,
        reqwest::Method::PUT,
        &path,
        serde_json::json!({ "strength": "must" }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let after: PolicyDraft = serde_json::from_str(&body).unwrap();
    let corrected = &after.clauses[0];
    assert_eq!(corrected.clause.modality, Modality::Must);
    assert_eq!(corrected.original_modality, Modality::Should);
    let reviewer = corrected.reviewed.as_ref().unwrap();
    let retire = &after.questions[0].question.id;
    let path = format!("/api/drafts/{}/questions/{retire}", draft.id);
    let (status, body) = step(
        &app,
        &client,
        reqwest::Method::PUT,
        &path,
        serde_json::json!({ "action": "retired" }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let after: PolicyDraft = serde_json::from_str(&body).unwrap();
    let retired = after
        .questions
        .iter()
        .find(|q| &q.question.id == retire)
        .unwrap();
    assert_eq!(retired.action, Some(QuestionAction::Retired));
    let (status, body) = publish(&app, &client, &draft.id, settings("v1", true)).await;
    assert_eq!(status, 201, "{body}");
    let published: DraftPublished = serde_json::from_str(&body).unwrap();

    let history: PolicyHistory = get_json(
        &app,
        &client,
        &format!("/api/policies/{}/history", published.policy_id),
    )
    .await;
    let actions: Vec<AuditAction> = history.entries.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        [
            AuditAction::PolicyPublished,
            AuditAction::QuestionReviewed,
            AuditAction::ClauseReviewed,
            AuditAction::DraftUploaded
        ],
        "newest first"
    );
    assert!(history.entries.iter().all(|e| e.actor_name == reviewer.by));
    assert!(
        history.entries[2]
            .detail
            .contains("clause 1.1: strength must"),
        "{:?}",
        history.entries[2]
    );
    let other = client_for(&app, &manager(CAMELEY)).await;
    let res = other
        .get(app.url(&format!("/api/policies/{}/history", published.policy_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}
on_both_databases!(the_history_names_who_reviewed_and_published_what);
