//! A person's training: assigned modules.

use attest_domain::api::ModuleSummary;

use super::requests::{self, ApiFailure};

/// The signed-in person's assigned modules.
pub async fn my_modules() -> Result<Vec<ModuleSummary>, ApiFailure> {
    requests::get("/api/me/modules").await
}
