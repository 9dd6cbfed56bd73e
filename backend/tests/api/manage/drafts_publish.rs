//! What a reviewed draft publishes: the corrected clauses and decided questions staff are
//! asked, reviews carried to the next version, and re-attestation only when a duty changed.

use attest_domain::api::{DraftPublished, PolicyDraft, PublishResult};
use attest_domain::clauses::{ClauseSet, Modality};
use attest_domain::diff::ChangeClass;
use attest_domain::quiz::Question;
use attest_domain::review::QuestionAction;

use super::drafts::{look_at_everything, publish, settings, step, upload, BADGES};
use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;
use attest::on_db;

pub(super) async fn stored_set(app: &TestApp, version_id: &str) -> ClauseSet {
    let (json,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT clause_set FROM policy_versions WHERE id = $1"
    )
    .bind(version_id)
    .fetch_one(e)
    .await)
    .unwrap();
    serde_json::from_str(&json).unwrap()
}

/// Every question a member of staff is asked in one attempt (after reading every lesson, as
/// the quiz requires), with answers (read from the store).
pub(super) async fn asked(
    app: &TestApp,
    client: &reqwest::Client,
    version_id: &str,
) -> Vec<Question> {
    crate::steps::read_every_lesson(app, client, version_id).await;
    let res = client
        .post(app.url(&format!("/api/modules/{version_id}/attempts")))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let attempt: serde_json::Value = res.json().await.unwrap();
    assert_eq!(status, 200, "{attempt}");
    crate::steps::stored_questions(app, attempt["id"].as_str().unwrap()).await
}

async fn staff_are_asked_the_reviewed_bank_with_the_corrected_strength(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let draft = upload(&app, &client, &school, None, BADGES).await;
    let id = &draft.id;
    let put = reqwest::Method::PUT;
    let (status, body) = step(
        &app,
        &client,
        put.clone(),
        &format!("/api/drafts/{id}/clauses/1.1"),
        serde_json::json!({ "strength": "must" }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = step(
        &app,
        &client,
        put.clone(),
        &format!("/api/drafts/{id}/clauses/1.4"),
        serde_json::json!({ "taught": false }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let after: PolicyDraft = serde_json::from_str(&body).unwrap();
    let on = |clause: &str| {
        after
            .questions
            .iter()
            .filter(|q| q.question.clause_ids[0] == clause)
            .map(|q| q.question.id.clone())
            .collect::<Vec<_>>()
    };
    let (badge, lend) = (on("1.1"), on("1.2"));
    assert!(!badge.is_empty() && !lend.is_empty(), "{after:#?}");
    // Retire one question on 1.2 and edit another (or the same clause's only one).
    let retired = lend[0].clone();
    let (status, body) = step(
        &app,
        &client,
        put.clone(),
        &format!("/api/drafts/{id}/questions/{retired}"),
        serde_json::json!({ "action": "retired" }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let edited = badge[0].clone();
    let edit = serde_json::json!({ "action": "edited", "question": {
        "clause_id": "1.1", "stem": "You are crossing the playground without your badge. What does the policy say?",
        "options": ["You must wear it at all times on site", "You may leave it in the staff room", "You should wear it only in class"],
        "answer": 0, "explanation": "Clause 1.1: a firm rule."
    }});
    let (status, body) = step(
        &app,
        &client,
        put.clone(),
        &format!("/api/drafts/{id}/questions/{edited}"),
        edit,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let written = serde_json::json!({
        "clause_id": "1.2", "stem": "A contractor asks to borrow your badge for an hour. What do you do?",
        "options": ["Refuse and send them to the office", "Lend it for the hour"], "answer": 0
    });
    let (status, body) = step(
        &app,
        &client,
        reqwest::Method::POST,
        &format!("/api/drafts/{id}/questions"),
        written,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    look_at_everything(&app, &client, &draft).await;
    let (status, body) = publish(&app, &client, id, settings("v1", false)).await;
    assert_eq!(status, 201, "{body}");
    let published: DraftPublished = serde_json::from_str(&body).unwrap();

    let set = stored_set(&app, &published.version_id).await;
    let first = set.clauses.iter().find(|c| c.id == "1.1").unwrap();
    assert_eq!(
        first.modality,
        Modality::Must,
        "the corrected strength is stored"
    );
    assert!(!set.clauses.iter().any(|c| c.id == "1.4"), "not taught");

    let staff_client = client_for(&app, &staff(CHAD)).await;
    let questions = asked(&app, &staff_client, &published.version_id).await;
    let ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    assert!(!ids.contains(&retired.as_str()), "retired: {ids:?}");
    assert!(ids.iter().any(|i| i.starts_with("written:")), "{ids:?}");
    let asked_edit = questions
        .iter()
        .find(|q| q.id == edited)
        .expect("the edited question is asked");
    assert!(asked_edit.stem.contains("playground"));
    assert!(
        asked_edit.options[asked_edit.answer].starts_with("You must"),
        "the corrected strength is the right answer: {asked_edit:#?}"
    );
    for q in questions
        .iter()
        .filter(|q| q.clause_ids[0] == "1.1" && q.id != edited)
    {
        assert!(q.explanation.contains("1.1"));
        assert!(!q.options[q.answer].contains("only advises"), "{q:#?}");
    }
}
on_both_databases!(staff_are_asked_the_reviewed_bank_with_the_corrected_strength);

const BADGES_V2: &str = "Badge Policy\n\n1. Badges\n\n\
    1.1 While on the school site, staff should wear their badge at all times.\n\
    1.2 When anyone asks, staff must not lend their badge to them, colleagues included.\n\
    1.3 The headteacher must review the badge register every term.\n\
    1.4 In this policy, a badge means the photo identity card issued by the office.\n";

/// BADGES_V2 with a new first clause: the others move down a number, their text unchanged.
const BADGES_V3: &str = "Badge Policy\n\n1. Badges\n\n\
    1.1 When arriving, staff must sign in at reception.\n\
    1.2 While on the school site, staff should wear their badge at all times.\n\
    1.3 When anyone asks, staff must not lend their badge to them, colleagues included.\n\
    1.4 The headteacher must review the badge register every term.\n\
    1.5 In this policy, a badge means the photo identity card issued by the office.\n";

async fn reviews_carry_forward_for_clauses_whose_text_did_not_change(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let draft = upload(&app, &client, &school, None, BADGES).await;
    let put = reqwest::Method::PUT;
    for clause in ["1.1", "1.2"] {
        let path = format!("/api/drafts/{}/clauses/{clause}", draft.id);
        let (status, body) = step(
            &app,
            &client,
            put.clone(),
            &path,
            serde_json::json!({ "strength": "must" }),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    // A decision on a question of the unchanged 1.1: it is edited.
    let v1_draft: PolicyDraft = get_json(&app, &client, &format!("/api/drafts/{}", draft.id)).await;
    let on_wearing = draft_question_on(&v1_draft, "1.1");
    let edit = serde_json::json!({ "action": "edited", "question": {
        "clause_id": "1.1", "stem": "You are on the field at break without your badge. What does the policy say?",
        "options": ["You must wear it at all times on site", "You need not wear it outdoors"],
        "answer": 0, "explanation": "Clause 1.1 makes it a rule."
    }});
    let path = format!("/api/drafts/{}/questions/{on_wearing}", draft.id);
    let (status, body) = step(&app, &client, put.clone(), &path, edit).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = publish(&app, &client, &draft.id, settings("v1", true)).await;
    assert_eq!(status, 201, "{body}");
    let published: DraftPublished = serde_json::from_str(&body).unwrap();

    let next = upload(
        &app,
        &client,
        &school,
        Some(&published.policy_id),
        BADGES_V2,
    )
    .await;
    let clause = |id: &str| next.clauses.iter().find(|c| c.clause.id == id).unwrap();
    assert!(clause("1.1").carried, "unchanged text keeps its review");
    assert_eq!(clause("1.1").clause.modality, Modality::Must);
    assert!(clause("1.1").reviewed.is_some());
    assert!(
        !clause("1.2").carried && clause("1.2").reviewed.is_none(),
        "its text changed"
    );
    assert_eq!(next.carried, 1);
    assert_eq!(next.replaces.as_deref(), Some("Badge Policy"));
    let carried = next
        .questions
        .iter()
        .find(|q| q.question.id == on_wearing)
        .expect("the edited question is in the v2 draft");
    assert!(carried.carried && carried.action == Some(QuestionAction::Edited));
    assert!(
        carried.question.stem.contains("on the field"),
        "{carried:#?}"
    );
    let mut body = settings("v2", true);
    body["groups"] = serde_json::json!([]);
    let (status, body) = publish(&app, &client, &next.id, body).await;
    assert_eq!(status, 201, "{body}");
    let v2: PublishResult = serde_json::from_str(&body).unwrap();
    let teacher = client_for(&app, &staff(CHAD)).await;
    let questions = asked(&app, &teacher, &v2.version_id).await;
    assert!(
        questions
            .iter()
            .any(|q| q.id == on_wearing && q.stem.contains("on the field")),
        "the v2 bank applies the edit: {questions:#?}"
    );

    // v3 puts a new clause first: the unchanged wearing clause is 1.2 now, and its edit follows it.
    let third = upload(
        &app,
        &client,
        &school,
        Some(&published.policy_id),
        BADGES_V3,
    )
    .await;
    let moved = third
        .questions
        .iter()
        .find(|q| q.carried && q.question.clause_ids[0] == "1.2")
        .expect("the decision follows the renumbered clause");
    assert_eq!(moved.action, Some(QuestionAction::Edited));
    assert!(moved.question.stem.contains("on the field"), "{moved:#?}");
    assert!(
        moved.question.explanation.contains("Clause 1.2"),
        "{moved:#?}"
    );
    assert!(third.clauses[1].carried, "{:#?}", third.clauses[1]);
}
on_both_databases!(reviews_carry_forward_for_clauses_whose_text_did_not_change);

/// The id of the first question a draft asks about `clause`.
fn draft_question_on(draft: &PolicyDraft, clause: &str) -> String {
    draft
        .questions
        .iter()
        .find(|q| q.question.clause_ids[0] == clause)
        .unwrap_or_else(|| panic!("a question on {clause}: {:#?}", draft.questions))
        .question
        .id
        .clone()
}

/// Publishes `text` as the next version of `policy` through a draft; returns the draft and the result.
async fn next_version(
    app: &TestApp,
    client: &reqwest::Client,
    school: &str,
    policy: &str,
    text: &str,
    label: &str,
) -> (PolicyDraft, PublishResult) {
    let draft = upload(app, client, school, Some(policy), text).await;
    let mut body = settings(label, true);
    body["groups"] = serde_json::json!([]);
    let (status, text) = publish(app, client, &draft.id, body).await;
    assert_eq!(status, 201, "{text}");
    (draft, serde_json::from_str(&text).unwrap())
}

async fn only_a_changed_duty_makes_staff_re_attest(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let first = upload(&app, &client, &school, None, BADGES).await;
    let (status, body) = publish(&app, &client, &first.id, settings("v1", true)).await;
    assert_eq!(status, 201, "{body}");
    let policy = serde_json::from_str::<DraftPublished>(&body)
        .unwrap()
        .policy_id;

    let reworded = BADGES.replace(
        "staff must not lend their badge to them.",
        "staff must never lend the badge to them.",
    );
    let (draft, result) = next_version(&app, &client, &school, &policy, &reworded, "v2").await;
    let diff = draft.diff.expect("a new version shows its diff");
    assert_eq!(diff.count_class(ChangeClass::WordingOnly), 1, "{diff:#?}");
    assert!(!result.requires_reattestation, "wording only");

    let stronger = reworded.replace("staff should wear", "staff must wear");
    let (draft, result) = next_version(&app, &client, &school, &policy, &stronger, "v3").await;
    let diff = draft.diff.unwrap();
    assert_eq!(diff.count_class(ChangeClass::DutyChanged), 1, "{diff:#?}");
    assert!(result.requires_reattestation, "a duty's strength changed");

    let added = format!(
        "{stronger}1.5 If a badge is lost, staff must report the loss to the office that day.\n"
    );
    let (draft, result) = next_version(&app, &client, &school, &policy, &added, "v4").await;
    assert_eq!(draft.diff.unwrap().count_class(ChangeClass::Added), 1);
    assert!(result.requires_reattestation);
}
on_both_databases!(only_a_changed_duty_makes_staff_re_attest);

async fn what_changed_teaches_only_the_duties_that_changed(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let policy = policy_id(&app, CHAD).await;
    complete_training(&app, &staff(CHAD)).await;
    let manager_client = client_for(&app, &manager(CHAD)).await;
    let text = std::fs::read_to_string(
        crate::helpers::workspace_dir().join("content/policies/chad-vale-primary.txt"),
    )
    .unwrap();
    let reworded = text.replace(
        "You must not represent your personal views as those of the school on any social medium.",
        "You must never represent your own personal views as those of the school on any social medium.",
    );
    assert_ne!(reworded, text, "the sample still holds the sentence");
    let changed = format!(
        "{reworded}\n\n99. New rules\n\n99.1 Staff must report every friend request from a pupil to the headteacher on the same day.\n"
    );
    let (draft, result) =
        next_version(&app, &manager_client, &school, &policy, &changed, "v2").await;
    let diff = draft.diff.unwrap();
    assert_eq!(diff.count_class(ChangeClass::WordingOnly), 1, "{diff:#?}");
    assert_eq!(diff.count_class(ChangeClass::Added), 1, "{diff:#?}");
    assert!(result.requires_reattestation);

    let staff_client = client_for(&app, &staff(CHAD)).await;
    let view: attest_domain::api::ModuleView = get_json(
        &app,
        &staff_client,
        &format!("/api/modules/{}", result.version_id),
    )
    .await;
    let changes = view.changes.expect("re-attesting staff see what changed");
    assert_eq!(
        changes.changes.len(),
        1,
        "the rewording is not taught: {changes:#?}"
    );
    assert_eq!(changes.changes[0].class, ChangeClass::Added);
}
on_both_databases!(what_changed_teaches_only_the_duties_that_changed);
