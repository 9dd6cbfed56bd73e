//! Policies: preview with diff, publishing a new version makes holders due, a new policy, the diff endpoint.

use attest_domain::api::{ModuleView, PolicyPreview, PolicySummary, PublishResult, Status};
use attest_domain::diff::{ChangeKind, PolicyDiff};

use super::support::*;
use crate::helpers::{workspace_dir, TestApp};
use crate::on_both_databases;

/// The Chad Vale sample with one duty reworded and one added: a real change of duties.
fn changed_text() -> String {
    let text =
        std::fs::read_to_string(workspace_dir().join("content/policies/chad-vale-primary.txt"))
            .unwrap();
    format!(
        "{text}\n\n99. New rules\n\n99.1 Staff must report every friend request from a pupil to the headteacher on the same day.\n"
    )
}

async fn preview(
    app: &TestApp,
    client: &reqwest::Client,
    school: &str,
    policy: Option<&str>,
    text: &str,
) -> PolicyPreview {
    let policy = policy
        .map(|p| format!("&policy_id={p}"))
        .unwrap_or_default();
    let res = client
        .post(app.url(&format!(
            "/api/schools/{school}/policies/preview?file_name=policy-v2.txt{policy}"
        )))
        .body(text.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn a_new_version_with_a_changed_duty_makes_attested_staff_due(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let policy = policy_id(&app, CHAD).await;
    complete_training(&app, &staff(CHAD)).await;
    let staff_client = client_for(&app, &staff(CHAD)).await;
    assert_eq!(
        my_modules(&app, &staff_client).await[0].status,
        Status::Attested
    );

    let client = client_for(&app, &manager(CHAD)).await;
    let preview = preview(&app, &client, &school, Some(&policy), &changed_text()).await;
    let diff = preview.diff.clone().expect("a new version shows its diff");
    assert_eq!(diff.count(ChangeKind::Added), 1, "{diff:#?}");
    assert!(diff.changes[0]
        .after
        .as_ref()
        .unwrap()
        .text
        .contains("same day"));
    assert!(preview.clause_count > 10 && !preview.quiz_sample.is_empty());

    let res = client
        .post(app.url(&format!("/api/policies/{policy}/versions")))
        .json(&serde_json::json!({
            "file_name": preview.file_name, "text": preview.text, "version_label": "v2", "publish_unreviewed": true,
            "review_period_months": 12, "pass_mark": 80
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let published: PublishResult = res.json().await.unwrap();
    assert!(
        published.requires_reattestation,
        "on by default when a duty changed"
    );

    let modules = my_modules(&app, &staff_client).await;
    assert_eq!(modules[0].version_label, "v2");
    assert_eq!(modules[0].status, Status::DueSoon);
    let view: ModuleView = get_json(
        &app,
        &staff_client,
        &format!("/api/modules/{}", modules[0].version_id),
    )
    .await;
    let changes = view.changes.expect("re-attesting staff see what changed");
    assert_eq!(changes.count(ChangeKind::Added), 1);

    let stored: PolicyDiff = get_json(&app, &client, &format!("/api/policies/{policy}/diff")).await;
    assert_eq!(stored, diff);
}
on_both_databases!(a_new_version_with_a_changed_duty_makes_attested_staff_due);

async fn an_unchanged_text_does_not_require_reattestation(app: TestApp) {
    let policy = policy_id(&app, CHAD).await;
    complete_training(&app, &staff(CHAD)).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let text =
        std::fs::read_to_string(workspace_dir().join("content/policies/chad-vale-primary.txt"))
            .unwrap();
    let res = client
        .post(app.url(&format!("/api/policies/{policy}/versions")))
        .json(&serde_json::json!({
            "file_name": "same.txt", "text": text, "version_label": "v1.1", "publish_unreviewed": true,
            "review_period_months": 12, "pass_mark": 80
        }))
        .send()
        .await
        .unwrap();
    let published: PublishResult = res.json().await.unwrap();
    assert!(!published.requires_reattestation);
    let staff_client = client_for(&app, &staff(CHAD)).await;
    assert_eq!(
        my_modules(&app, &staff_client).await[0].status,
        Status::Attested
    );
}
on_both_databases!(an_unchanged_text_does_not_require_reattestation);

async fn a_new_policy_is_assigned_to_the_chosen_groups(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let text = "Lanyard Policy\n\n1. Badges\n\n1.1 Staff must wear their lanyard on site.\n\
                1.2 Staff must not lend their badge to anyone.\n";
    let preview = preview(&app, &client, &school, None, text).await;
    assert!(preview.diff.is_none());
    let publish = |groups: serde_json::Value| {
        client
            .post(app.url(&format!("/api/schools/{school}/policies")))
            .json(&serde_json::json!({
                "file_name": "lanyards.txt", "text": text, "version_label": "2026", "publish_unreviewed": true,
                "review_period_months": 24, "pass_mark": 100, "next_review": "2027-09-01", "groups": groups
            }))
            .send()
    };
    assert_eq!(
        publish(serde_json::json!([])).await.unwrap().status(),
        422,
        "groups are required"
    );
    assert_eq!(
        publish(serde_json::json!(["teaching"]))
            .await
            .unwrap()
            .status(),
        201
    );

    let staff_client = client_for(&app, &staff(CHAD)).await;
    let modules = my_modules(&app, &staff_client).await;
    let lanyard = modules
        .iter()
        .find(|m| m.title == "Lanyard Policy")
        .expect("assigned");
    assert_eq!(lanyard.status, Status::NotStarted);
    let policies: Vec<PolicySummary> =
        get_json(&app, &client, &format!("/api/schools/{school}/policies")).await;
    assert_eq!(policies.len(), 2);
    // Cameley's staff are not in Chad Vale's groups.
    let other = client_for(&app, &staff(CAMELEY)).await;
    assert!(my_modules(&app, &other)
        .await
        .iter()
        .all(|m| m.title != "Lanyard Policy"));
}
on_both_databases!(a_new_policy_is_assigned_to_the_chosen_groups);

async fn a_bad_upload_is_refused_with_a_reason(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let res = client
        .post(app.url(&format!(
            "/api/schools/{school}/policies/preview?file_name=old.doc"
        )))
        .body(vec![0xD0u8, 0xCF, 0x11, 0xE0])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(
        body["message"].as_str().unwrap().contains(".docx"),
        "{body}"
    );
}
on_both_databases!(a_bad_upload_is_refused_with_a_reason);

async fn publishing_straight_from_text_needs_the_choice_to_skip_review(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let count = || async {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM policy_versions")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        n
    };
    let before = count().await;
    let body = serde_json::json!({
        "file_name": "lanyards.txt", "text": "Lanyards\n\n1. Rules\n\n1.1 Staff must wear a lanyard.\n",
        "version_label": "2026", "review_period_months": 12, "pass_mark": 80, "groups": ["teaching"]
    });
    let res = client
        .post(app.url(&format!("/api/schools/{school}/policies")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("draft"));
    assert_eq!(count().await, before, "nothing published");
}
on_both_databases!(publishing_straight_from_text_needs_the_choice_to_skip_review);
