//! Policies: a new version's draft shows its diff and, published, makes holders due; a new
//! policy; a file that cannot be read; the diff endpoint.

use attest_domain::api::{DraftPublished, ModuleView, PolicySummary, Status};
use attest_domain::diff::{ChangeKind, PolicyDiff};

use super::drafts::{look_at_everything, publish, publish_text, settings, upload};
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
    let draft = upload(&app, &client, &school, Some(&policy), &changed_text()).await;
    let diff = draft.diff.clone().expect("a new version shows its diff");
    assert_eq!(diff.count(ChangeKind::Added), 1, "{diff:#?}");
    assert!(diff.changes[0]
        .after
        .as_ref()
        .unwrap()
        .text
        .contains("same day"));
    assert!(draft.clauses.len() > 10 && draft.bank_size > 0);

    look_at_everything(&app, &client, &draft).await;
    let (status, text) = publish(&app, &client, &draft.id, settings("v2", false)).await;
    assert_eq!(status, 201, "{text}");
    let published: DraftPublished = serde_json::from_str(&text).unwrap();
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
    let (school, policy) = (school_id(&app, CHAD).await, policy_id(&app, CHAD).await);
    complete_training(&app, &staff(CHAD)).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let text =
        std::fs::read_to_string(workspace_dir().join("content/policies/chad-vale-primary.txt"))
            .unwrap();
    let mut same = settings("v1.1", false);
    same["groups"] = serde_json::json!([]);
    let (status, body) = publish_text(&app, &client, &school, Some(&policy), &text, same).await;
    assert_eq!(status, 201, "{body}");
    let published: DraftPublished = serde_json::from_str(&body).unwrap();
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
    let text = "Lanyard Policy\n\n1. Badges\n\n1.1 When on site, staff must wear their lanyard.\n\
                1.2 When anyone asks, staff must not lend their badge to them.\n";
    let draft = upload(&app, &client, &school, None, text).await;
    assert!(draft.diff.is_none());
    look_at_everything(&app, &client, &draft).await;
    let with_groups = |groups: serde_json::Value| {
        let mut body = settings("2026", false);
        body["groups"] = groups;
        body["review_period_months"] = 24.into();
        body["next_review"] = "2027-09-01".into();
        body
    };
    let (status, _) = publish(&app, &client, &draft.id, with_groups(serde_json::json!([]))).await;
    assert_eq!(status, 422, "groups are required");
    let chosen = with_groups(serde_json::json!(["teaching"]));
    let (status, body) = publish(&app, &client, &draft.id, chosen).await;
    assert_eq!(status, 201, "{body}");

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
        .post(app.url(&format!("/api/schools/{school}/drafts?file_name=old.doc")))
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
