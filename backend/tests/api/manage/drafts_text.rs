//! What staff read and are asked after a review: the whole policy (clauses not taught
//! included), corrected holders and wording, a removed duty, and a policy with nothing to ask.

use attest_domain::api::{
    AuditAction, DraftPublished, PolicyDraft, PolicyHistory, PolicyText, PublishResult,
};
use attest_domain::clauses::Audience;
use attest_domain::diff::ChangeClass;

use super::drafts::{look_at_everything, publish, settings, step, upload, BADGES};
use super::drafts_publish::{asked, stored_set};
use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;
use attest::on_db;

/// Publishes a reviewed draft as v1 (every flagged item looked at); the result.
async fn publish_v1(
    app: &TestApp,
    client: &reqwest::Client,
    draft: &PolicyDraft,
) -> DraftPublished {
    look_at_everything(app, client, draft).await;
    let (status, body) = publish(app, client, &draft.id, settings("v1", false)).await;
    assert_eq!(status, 201, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Corrects one clause of a draft; the draft after it.
async fn correct(
    app: &TestApp,
    client: &reqwest::Client,
    draft: &str,
    clause: &str,
    body: serde_json::Value,
) -> PolicyDraft {
    let path = format!("/api/drafts/{draft}/clauses/{clause}");
    let (status, text) = step(app, client, reqwest::Method::PUT, &path, body).await;
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

/// The whole policy a member of staff reads.
async fn whole_policy(app: &TestApp, client: &reqwest::Client, version: &str) -> PolicyText {
    get_json(app, client, &format!("/api/modules/{version}/policy")).await
}

async fn the_whole_policy_keeps_clauses_not_taught_that_lessons_and_quiz_leave_out(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let draft = upload(&app, &head, &school, None, BADGES).await;
    let definition = json_taught(false);
    correct(&app, &head, &draft.id, "1.4", definition).await;
    let published = publish_v1(&app, &head, &draft).await;

    let teacher = client_for(&app, &staff(CHAD)).await;
    let text = whole_policy(&app, &teacher, &published.version_id).await;
    let ids: Vec<&str> = text.clauses.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["1.1", "1.2", "1.3", "1.4"], "every clause, in order");
    let defined = &text.clauses[3];
    assert!(defined.text.contains("photo identity card"), "{defined:?}");
    assert_eq!(defined.section, text.clauses[0].section);
    assert!(!defined.section.is_empty());

    // Lessons and questions still leave the definition out.
    let module: serde_json::Value = get_json(
        &app,
        &teacher,
        &format!("/api/modules/{}", published.version_id),
    )
    .await;
    assert!(
        !module["module"].to_string().contains("photo identity card"),
        "{module}"
    );
    let questions = asked(&app, &teacher, &published.version_id).await;
    assert!(!questions.is_empty());
    assert!(
        questions
            .iter()
            .all(|q| !q.clause_ids.contains(&"1.4".to_string())),
        "{questions:#?}"
    );
}
on_both_databases!(the_whole_policy_keeps_clauses_not_taught_that_lessons_and_quiz_leave_out);

fn json_taught(taught: bool) -> serde_json::Value {
    serde_json::json!({ "taught": taught })
}

const SIGN_IN: &str = "When a contractor arrives, they must sign in at reception.";
const SIGN_IN_AND_WEAR: &str =
    "When a contractor arrives, they must sign in at reception and wear a visitor badge.";

/// True when a question puts signing in to the reader as their own duty.
fn yours(q: &attest_domain::quiz::Question) -> bool {
    q.options[q.answer]
        .to_lowercase()
        .contains("you must sign in")
}

async fn a_duty_given_to_visitors_and_reworded_is_read_but_not_asked_as_the_readers(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let text = format!("{BADGES}1.5 {SIGN_IN}\n");
    let draft = upload(&app, &head, &school, None, &text).await;
    assert!(
        draft
            .questions
            .iter()
            .any(|q| q.question.clause_ids[0] == "1.5" && yours(&q.question)),
        "the engine reads 'they' as the reader: {:#?}",
        draft.questions
    );
    let body = serde_json::json!({ "holder": "visitors", "text": SIGN_IN_AND_WEAR });
    let after = correct(&app, &head, &draft.id, "1.5", body).await;
    let item = after.clauses.iter().find(|c| c.clause.id == "1.5").unwrap();
    assert_eq!(
        item.original_text, SIGN_IN,
        "the original is kept beside it"
    );
    assert_eq!(item.clause.text, SIGN_IN_AND_WEAR);
    assert_eq!(item.clause.audience, vec![Audience::Visitors]);

    // An edited question's audit line says what it now asks.
    let edited = after
        .questions
        .iter()
        .find(|q| q.question.clause_ids[0] == "1.1")
        .unwrap()
        .question
        .id
        .clone();
    let edit = serde_json::json!({ "action": "edited", "question": {
        "clause_id": "1.1", "stem": "You reach the staff room without your badge. What does the policy say?",
        "options": ["You should wear it at all times on site", "You may leave it at home"],
        "answer": 0
    }});
    let path = format!("/api/drafts/{}/questions/{edited}", draft.id);
    let (status, body) = step(&app, &head, reqwest::Method::PUT, &path, edit).await;
    assert_eq!(status, 200, "{body}");
    let published = publish_v1(&app, &head, &draft).await;

    let set = stored_set(&app, &published.version_id).await;
    let stored = set.clauses.iter().find(|c| c.id == "1.5").unwrap();
    assert_eq!(
        (stored.text.as_str(), stored.audience.as_slice()),
        (SIGN_IN_AND_WEAR, [Audience::Visitors].as_slice())
    );
    let teacher = client_for(&app, &staff(CHAD)).await;
    let read = whole_policy(&app, &teacher, &published.version_id).await;
    let shown = read.clauses.iter().find(|c| c.id == "1.5").unwrap();
    assert_eq!(shown.text, SIGN_IN_AND_WEAR, "staff read the new wording");
    let questions = asked(&app, &teacher, &published.version_id).await;
    assert!(
        !questions.iter().any(yours),
        "visitors' duty is not asked as the reader's: {questions:#?}"
    );

    let history: PolicyHistory = get_json(
        &app,
        &head,
        &format!("/api/policies/{}/history", published.policy_id),
    )
    .await;
    let line = history
        .entries
        .iter()
        .find(|e| e.action == AuditAction::QuestionReviewed && e.detail.contains(&edited))
        .expect("the edit is in the history");
    assert!(
        line.detail
            .contains("edited to \"You reach the staff room without your badge."),
        "{}",
        line.detail
    );
}
on_both_databases!(a_duty_given_to_visitors_and_reworded_is_read_but_not_asked_as_the_readers);

async fn a_removed_duty_is_classed_removed_and_proposes_re_attestation(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let draft = upload(&app, &head, &school, None, BADGES).await;
    let v1 = publish_v1(&app, &head, &draft).await;

    let without = BADGES.replace(
        "1.2 When a visitor or a contractor asks, staff must not lend their badge to them.\n",
        "",
    );
    assert_ne!(without, BADGES);
    let next = upload(&app, &head, &school, Some(&v1.policy_id), &without).await;
    let diff = next.diff.clone().expect("a next version shows its diff");
    assert_eq!(diff.changes.len(), 1, "{diff:#?}");
    assert_eq!(diff.count_class(ChangeClass::Removed), 1, "{diff:#?}");
    assert!(diff.duty_changed(), "a removed duty is material");
    // Nobody chose: re-attestation follows the diff.
    look_at_everything(&app, &head, &next).await;
    let mut body = settings("v2", false);
    body["groups"] = serde_json::json!([]);
    let (status, text) = publish(&app, &head, &next.id, body).await;
    assert_eq!(status, 201, "{text}");
    let result: PublishResult = serde_json::from_str(&text).unwrap();
    assert!(result.requires_reattestation);
}
on_both_databases!(a_removed_duty_is_classed_removed_and_proposes_re_attestation);

async fn a_policy_with_nothing_to_ask_waits_for_a_written_question(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let about = "Curriculum Statement\n\n1. About\n\n\
        1.1 This statement describes how the school plans its curriculum.\n\
        1.2 The curriculum is reviewed by governors each year.\n";
    let draft = upload(&app, &head, &school, None, about).await;
    assert_eq!(draft.bank_size, 0, "{:?}", draft.questions);
    look_at_everything(&app, &head, &draft).await;
    let (status, text) = publish(&app, &head, &draft.id, settings("v1", true)).await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("write at least one question"), "{text}");
    let (policies,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM policies WHERE title = $1"
    )
    .bind("Curriculum Statement")
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(policies, 0, "nothing published");

    let path = format!("/api/drafts/{}/questions", draft.id);
    let written = serde_json::json!({
        "clause_id": "1.1", "stem": "Where is the school's curriculum plan described?",
        "options": ["In this statement", "Nowhere"], "answer": 0
    });
    let (status, body) = step(&app, &head, reqwest::Method::POST, &path, written).await;
    assert_eq!(status, 201, "{body}");
    let (status, text) = publish(&app, &head, &draft.id, settings("v1", true)).await;
    assert_eq!(status, 201, "{text}");
}
on_both_databases!(a_policy_with_nothing_to_ask_waits_for_a_written_question);
