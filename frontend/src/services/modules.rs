//! Modules, quiz attempts, attestations and receipts.

use attest_domain::api::{
    AttemptResult, AttemptView, AttestRequest, ModuleView, PolicyText, ProgressUpdate, Receipt,
    SubmitAttempt, VerifyView,
};
use attest_domain::ask::Answer;

use super::requests::{self, ApiFailure};

/// A module with where the reader left off.
pub async fn module(version_id: &str) -> Result<ModuleView, ApiFailure> {
    requests::get(&format!("/api/modules/{version_id}")).await
}

/// The whole policy, clause by clause, with its original's details.
pub async fn policy_text(version_id: &str) -> Result<PolicyText, ApiFailure> {
    requests::get(&format!("/api/modules/{version_id}/policy")).await
}

/// Saves the reader's place.
pub async fn save_progress(
    version_id: &str,
    update: ProgressUpdate,
) -> Result<ProgressUpdate, ApiFailure> {
    requests::put(&format!("/api/modules/{version_id}/progress"), &update).await
}

/// Resumes the open quiz attempt, or draws a new one.
pub async fn start_attempt(version_id: &str) -> Result<AttemptView, ApiFailure> {
    requests::post(&format!("/api/modules/{version_id}/attempts"), &()).await
}

/// Submits answers for grading.
pub async fn submit(
    attempt_id: &str,
    answers: Vec<Option<usize>>,
) -> Result<AttemptResult, ApiFailure> {
    requests::post(
        &format!("/api/attempts/{attempt_id}/submit"),
        &SubmitAttempt { answers },
    )
    .await
}

/// Signs the attestation for a passed attempt.
pub async fn attest(attempt_id: &str) -> Result<Receipt, ApiFailure> {
    requests::post(
        &format!("/api/attempts/{attempt_id}/attestation"),
        &AttestRequest { confirm: true },
    )
    .await
}

/// A receipt of the signed-in person.
pub async fn receipt(id: &str) -> Result<Receipt, ApiFailure> {
    requests::get(&format!("/api/attestations/{id}")).await
}

/// Public verification of a receipt code.
pub async fn verify(code: &str) -> Result<VerifyView, ApiFailure> {
    requests::get(&format!("/api/verify/{code}")).await
}

/// Which clause of the policy decides a situation ("Can I …?").
pub async fn ask(version_id: &str, situation: &str) -> Result<Answer, ApiFailure> {
    requests::get(&format!(
        "/api/modules/{version_id}/ask?q={}",
        super::manage::encode(situation)
    ))
    .await
}
