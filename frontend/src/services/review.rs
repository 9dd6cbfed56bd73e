//! Review before publish: one function per endpoint of a draft, and a policy's history.

use attest_domain::api::{
    DraftPublish, DraftPublished, PolicyDraft, PolicyHistory, QuestionReview, SplitClause,
};
use attest_domain::review::{Correction, WrittenQuestion};

use super::manage::encode;
use super::requests::{self, ApiFailure};

/// Uploads a file as a draft (a new version of `policy_id` when given).
pub async fn create_draft(
    school_id: &str,
    file_name: &str,
    policy_id: Option<&str>,
    bytes: &[u8],
) -> Result<PolicyDraft, ApiFailure> {
    let policy = policy_id
        .map(|p| format!("&policy_id={}", encode(p)))
        .unwrap_or_default();
    let url = format!(
        "/api/schools/{school_id}/drafts?file_name={}{policy}",
        encode(file_name)
    );
    requests::post_bytes(&url, "application/octet-stream", bytes).await
}

/// A draft under review.
pub async fn draft(id: &str) -> Result<PolicyDraft, ApiFailure> {
    requests::get(&format!("/api/drafts/{id}")).await
}

/// Corrects a clause, or marks it looked at as read.
pub async fn correct(id: &str, clause: &str, c: &Correction) -> Result<PolicyDraft, ApiFailure> {
    requests::put(&format!("/api/drafts/{id}/clauses/{}", encode(clause)), c).await
}

/// Splits a clause after its sentence `at`.
pub async fn split(id: &str, clause: &str, at: usize) -> Result<PolicyDraft, ApiFailure> {
    let url = format!("/api/drafts/{id}/clauses/{}/split", encode(clause));
    requests::post(&url, &SplitClause { at }).await
}

/// Joins a clause with the one after it.
pub async fn join(id: &str, clause: &str) -> Result<PolicyDraft, ApiFailure> {
    let url = format!("/api/drafts/{id}/clauses/{}/join", encode(clause));
    requests::post(&url, &serde_json::json!({})).await
}

/// Approves, edits or retires a question.
pub async fn decide(
    id: &str,
    question: &str,
    review: &QuestionReview,
) -> Result<PolicyDraft, ApiFailure> {
    let url = format!("/api/drafts/{id}/questions/{}", encode(question));
    requests::put(&url, review).await
}

/// Adds a question the manager wrote.
pub async fn write(id: &str, q: &WrittenQuestion) -> Result<PolicyDraft, ApiFailure> {
    requests::post(&format!("/api/drafts/{id}/questions"), q).await
}

/// Publishes a draft.
pub async fn publish(id: &str, settings: &DraftPublish) -> Result<DraftPublished, ApiFailure> {
    requests::post(&format!("/api/drafts/{id}/publish"), settings).await
}

/// Who uploaded, reviewed and published what for a policy.
pub async fn history(policy_id: &str) -> Result<PolicyHistory, ApiFailure> {
    requests::get(&format!("/api/policies/{policy_id}/history")).await
}
