//! Trust model policies: the trust publishes one model to chosen schools, a school amends its
//! copy, the next model version reaches every school with its amendments kept, a copy whose
//! amendment the model overtook waits for the school, and bad requests change nothing.

use attest_domain::api::{
    AuditAction, AuditEntry, DraftPublished, PolicyAmendments, PolicyDraft, PolicySummary,
    TrustModels,
};
use attest_domain::clauses::Modality;

use super::drafts::{look_at_everything, publish, settings, step, BADGES};
use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;
use attest::on_db;

/// Uploads `text` as the trust's model (a new version of `model` when given).
async fn upload_model(
    app: &TestApp,
    client: &reqwest::Client,
    trust: &str,
    model: Option<&str>,
    text: &str,
) -> (u16, String) {
    let model = model.map(|m| format!("&model_id={m}")).unwrap_or_default();
    let res = client
        .post(app.url(&format!(
            "/api/trusts/{trust}/drafts?file_name=badges.txt{model}"
        )))
        .body(text.to_string())
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Reviews and publishes a trust's draft to `schools`; the answer.
async fn publish_model(
    app: &TestApp,
    client: &reqwest::Client,
    draft: &PolicyDraft,
    label: &str,
    schools: &[&str],
) -> DraftPublished {
    look_at_everything(app, client, draft).await;
    let mut body = settings(label, false);
    body["schools"] = serde_json::json!(schools);
    let (status, text) = publish(app, client, &draft.id, body).await;
    assert_eq!(status, 201, "{text}");
    serde_json::from_str(&text).unwrap()
}

/// The school's copy of the badge model.
async fn copy_of(app: &TestApp, client: &reqwest::Client, school: &str) -> PolicySummary {
    let list: Vec<PolicySummary> =
        get_json(app, client, &format!("/api/schools/{school}/policies")).await;
    list.into_iter()
        .find(|p| p.title == "Badge Policy")
        .expect("the school has a copy")
}

/// The strength of clause `id` in the policy's latest version.
async fn strength(app: &TestApp, policy: &str, id: &str) -> Modality {
    let (json,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT clause_set FROM policy_versions WHERE policy_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(policy)
    .fetch_one(e)
    .await)
    .unwrap();
    let set: attest_domain::ClauseSet = serde_json::from_str(&json).unwrap();
    set.clauses.iter().find(|c| c.id == id).unwrap().modality
}

/// Makes 1.1 ("should wear their badge") a must in the school's copy, and publishes it.
async fn amend_to_must(app: &TestApp, client: &reqwest::Client, policy: &str, clause: &str) {
    let res = client
        .post(app.url(&format!("/api/policies/{policy}/drafts")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let draft: PolicyDraft = res.json().await.unwrap();
    assert_eq!(draft.policy_id.as_deref(), Some(policy));
    let path = format!("/api/drafts/{}/clauses/{clause}", draft.id);
    let body = serde_json::json!({ "strength": "must" });
    let (status, text) = step(app, client, reqwest::Method::PUT, &path, body).await;
    assert_eq!(status, 200, "{text}");
    let (status, text) = publish(app, client, &draft.id, settings("local", false)).await;
    assert_eq!(status, 201, "{text}");
}

async fn a_model_reaches_its_schools_and_keeps_a_school_s_amendment(app: TestApp) {
    let (trust, chad, cameley) = (
        trust_id(&app).await,
        school_id(&app, CHAD).await,
        school_id(&app, CAMELEY).await,
    );
    let central = client_for(&app, TRUST).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let (status, text) = upload_model(&app, &central, &trust, None, BADGES).await;
    assert_eq!(status, 201, "{text}");
    let draft: PolicyDraft = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (draft.trust_id.as_deref(), draft.school_id.as_deref()),
        (Some(trust.as_str()), None)
    );
    // A school's manager cannot see or publish the trust's draft.
    let res = head
        .get(app.url(&format!("/api/drafts/{}", draft.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    let first = publish_model(&app, &central, &draft, "v1", &[&chad, &cameley]).await;
    assert_eq!(first.adoptions.len(), 2, "{first:?}");
    assert!(
        first.adoptions.iter().all(|a| a.version_id.is_some()),
        "{first:?}"
    );
    let copy = copy_of(&app, &head, &chad).await;
    assert!(copy.from_model);
    let path = format!("/api/policies/{}/amendments", copy.id);
    let before: PolicyAmendments = get_json(&app, &head, &path).await;
    assert_eq!((before.model_version, before.latest_model_version), (1, 1));
    assert!(before.amendments.changes.is_empty(), "{before:?}");

    // Chad Vale makes wearing a badge a must; Cameley keeps the model's should.
    amend_to_must(&app, &head, &copy.id, "1.1").await;
    let amended: PolicyAmendments = get_json(&app, &head, &path).await;
    assert_eq!(amended.amendments.changes.len(), 1, "{amended:?}");
    let change = &amended.amendments.changes[0];
    assert_eq!(change.before.as_ref().unwrap().modality, Modality::Should);
    assert_eq!(change.after.as_ref().unwrap().modality, Modality::Must);

    // Version 2 rewords 1.2 and keeps 1.1: both schools get it, Chad Vale's must kept.
    let v2 = BADGES.replace(
        "lend their badge to them",
        "lend their badge to anyone at all",
    );
    assert_ne!(v2, BADGES);
    let (status, text) = upload_model(&app, &central, &trust, Some(&first.policy_id), &v2).await;
    assert_eq!(status, 201, "{text}");
    let draft: PolicyDraft = serde_json::from_str(&text).unwrap();
    let second = publish_model(&app, &central, &draft, "v2", &[]).await;
    assert_eq!(
        second.adoptions.len(),
        2,
        "those following get it unasked: {second:?}"
    );
    assert!(
        second.adoptions.iter().all(|a| a.version_id.is_some()),
        "{second:?}"
    );
    let chad_copy = second
        .adoptions
        .iter()
        .find(|a| a.school_id == chad)
        .unwrap();
    assert_eq!(chad_copy.amendments_kept, 1);
    assert_eq!(strength(&app, &copy.id, "1.1").await, Modality::Must);
    let cameley_copy = copy_of(&app, &central, &cameley).await;
    assert_eq!(
        strength(&app, &cameley_copy.id, "1.1").await,
        Modality::Should
    );
    let now: PolicyAmendments = get_json(&app, &head, &path).await;
    assert_eq!((now.model_version, now.latest_model_version), (2, 2));
    assert_eq!(
        now.amendments.changes.len(),
        1,
        "only the amendment differs: {now:?}"
    );

    let models: TrustModels =
        get_json(&app, &central, &format!("/api/trusts/{trust}/models")).await;
    assert_eq!(models.models.len(), 1);
    assert_eq!(models.models[0].versions, 2);
    let amendments: Vec<(String, u32)> = models.models[0]
        .schools
        .iter()
        .map(|s| (s.school_id.clone(), s.amendments))
        .collect();
    assert!(amendments.contains(&(chad.clone(), 1)) && amendments.contains(&(cameley.clone(), 0)));

    let trust_log: Vec<AuditEntry> =
        get_json(&app, &central, &format!("/api/trusts/{trust}/audit")).await;
    assert!(trust_log
        .iter()
        .any(|l| l.action == AuditAction::ModelPublished));
    let school_log: Vec<AuditEntry> =
        get_json(&app, &head, &format!("/api/schools/{chad}/audit")).await;
    assert!(school_log.iter().any(
        |l| l.action == AuditAction::PolicyPublished && l.detail.contains("1 local amendment")
    ));
}
on_both_databases!(a_model_reaches_its_schools_and_keeps_a_school_s_amendment);

async fn a_copy_whose_amendment_the_model_changed_waits_for_the_school(app: TestApp) {
    let (trust, chad) = (trust_id(&app).await, school_id(&app, CHAD).await);
    let central = client_for(&app, TRUST).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let (_, text) = upload_model(&app, &central, &trust, None, BADGES).await;
    let draft: PolicyDraft = serde_json::from_str(&text).unwrap();
    let first = publish_model(&app, &central, &draft, "v1", &[&chad]).await;
    let copy = copy_of(&app, &head, &chad).await;
    amend_to_must(&app, &head, &copy.id, "1.1").await;
    let versions = |app: &TestApp| {
        let (pool, id) = (app.db.pool.clone(), copy.id.clone());
        async move {
            let (n,): (i64,) = on_db!(pool, |e| sqlx::query_as(
                "SELECT COUNT(*) FROM policy_versions WHERE policy_id = $1"
            )
            .bind(id)
            .fetch_one(e)
            .await)
            .unwrap();
            n
        }
    };
    let before = versions(&app).await;

    // The trust rewrites the very clause Chad Vale amended.
    let v2 = BADGES.replace(
        "wear their badge at all times",
        "wear their badge whenever pupils are present",
    );
    assert_ne!(v2, BADGES);
    let (_, text) = upload_model(&app, &central, &trust, Some(&first.policy_id), &v2).await;
    let draft: PolicyDraft = serde_json::from_str(&text).unwrap();
    let second = publish_model(&app, &central, &draft, "v2", &[]).await;
    let waiting = &second.adoptions[0];
    assert!(waiting.version_id.is_none(), "{waiting:?}");
    assert!(
        waiting.waiting_reason.as_deref().unwrap().contains("1.1"),
        "{waiting:?}"
    );
    assert_eq!(versions(&app).await, before, "nothing reached staff");
    let path = format!(
        "/api/drafts/{}",
        waiting.waiting_draft_id.as_deref().unwrap()
    );
    let copy_draft: PolicyDraft = get_json(&app, &head, &path).await;
    assert_eq!(copy_draft.school_id.as_deref(), Some(chad.as_str()));
    let amendments: PolicyAmendments = get_json(
        &app,
        &head,
        &format!("/api/policies/{}/amendments", copy.id),
    )
    .await;
    assert_eq!(amendments.waiting_draft_id, waiting.waiting_draft_id);
}
on_both_databases!(a_copy_whose_amendment_the_model_changed_waits_for_the_school);

async fn bad_model_requests_are_refused_and_change_nothing(app: TestApp) {
    let trust = trust_id(&app).await;
    let central = client_for(&app, TRUST).await;
    let head = client_for(&app, &manager(CHAD)).await;
    // A school's manager is not the trust's central team.
    let (status, _) = upload_model(&app, &head, &trust, None, BADGES).await;
    assert_eq!(status, 404);
    // A model id that is not the trust's.
    let (status, _) = upload_model(&app, &central, &trust, Some("no-such-model"), BADGES).await;
    assert_eq!(status, 404);
    let (_, text) = upload_model(&app, &central, &trust, None, BADGES).await;
    let draft: PolicyDraft = serde_json::from_str(&text).unwrap();
    look_at_everything(&app, &central, &draft).await;
    let tries = [
        (serde_json::json!([]), 422), // no school, and nobody follows it yet
        (serde_json::json!(["another-trusts-school"]), 404), // a school not of this trust
    ];
    for (schools, want) in tries {
        let mut body = settings("v1", false);
        body["schools"] = schools;
        let (status, text) = publish(&app, &central, &draft.id, body).await;
        assert_eq!(status, want, "{text}");
    }
    let (models,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM model_policies"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(models, 0);
    let open: PolicyDraft = get_json(&app, &central, &format!("/api/drafts/{}", draft.id)).await;
    assert!(!open.published);
    // A policy that follows no model has no amendments to show.
    let own = policy_id(&app, CHAD).await;
    let res = head
        .get(app.url(&format!("/api/policies/{own}/amendments")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}
on_both_databases!(bad_model_requests_are_refused_and_change_nothing);
