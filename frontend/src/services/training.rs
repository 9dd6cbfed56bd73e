//! A person's training: assigned modules, and schools asking them to join.

use attest_domain::api::{Invitation, ModuleSummary};

use super::requests::{self, ApiFailure};

/// The signed-in person's assigned modules.
pub async fn my_modules() -> Result<Vec<ModuleSummary>, ApiFailure> {
    requests::get("/api/me/modules").await
}

/// Schools asking the signed-in person to join them.
pub async fn my_invitations() -> Result<Vec<Invitation>, ApiFailure> {
    requests::get("/api/me/invitations").await
}

/// Joins the school that asked.
pub async fn accept_invitation(id: &str) -> Result<(), ApiFailure> {
    requests::post_no_content(&format!("/api/me/invitations/{id}"), &()).await
}

/// Declines the school's request.
pub async fn decline_invitation(id: &str) -> Result<(), ApiFailure> {
    requests::delete(&format!("/api/me/invitations/{id}")).await
}
