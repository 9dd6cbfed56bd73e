//! Giving and taking away managing roles.

use attest_domain::api::{RoleChange, RoleGranted};

use super::requests::{self, ApiFailure};

/// Gives someone a managing role.
pub async fn grant(change: &RoleChange) -> Result<RoleGranted, ApiFailure> {
    requests::post("/api/roles", change).await
}

/// Takes a managing role away.
pub async fn revoke(change: &RoleChange) -> Result<(), ApiFailure> {
    requests::post_no_content("/api/roles/revoke", change).await
}
