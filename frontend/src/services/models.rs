//! Trust model policies: one function per endpoint.

use attest_domain::api::{PolicyAmendments, PolicyDraft, TrustModels};

use super::manage::encode;
use super::requests::{self, ApiFailure};

/// The trust's model policies, the schools following each, and its unpublished uploads.
pub async fn trust_models(trust_id: &str) -> Result<TrustModels, ApiFailure> {
    requests::get(&format!("/api/trusts/{trust_id}/models")).await
}

/// Uploads a file as a draft of the trust's model (a new version of `model_id` when given).
pub async fn create_model_draft(
    trust_id: &str,
    file_name: &str,
    model_id: Option<&str>,
    bytes: &[u8],
) -> Result<PolicyDraft, ApiFailure> {
    let model = model_id
        .map(|m| format!("&model_id={}", encode(m)))
        .unwrap_or_default();
    let url = format!(
        "/api/trusts/{trust_id}/drafts?file_name={}{model}",
        encode(file_name)
    );
    requests::post_bytes(&url, "application/octet-stream", bytes).await
}

/// How a school's copy differs from its trust's model.
pub async fn amendments(policy_id: &str) -> Result<PolicyAmendments, ApiFailure> {
    requests::get(&format!("/api/policies/{policy_id}/amendments")).await
}

/// Starts a draft from the policy's published version (to amend it).
pub async fn draft_from_published(policy_id: &str) -> Result<PolicyDraft, ApiFailure> {
    requests::post(&format!("/api/policies/{policy_id}/drafts"), &()).await
}
