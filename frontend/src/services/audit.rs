//! The audit log of a school or a trust.

use attest_domain::api::{AuditEntry, AuditFilter};

use super::manage::{query_string, Level};
use super::requests::{self, ApiFailure};

/// The query string for a filter ("?action=exported&from=2026-09-01"), empty when unfiltered.
pub fn query(filter: &AuditFilter) -> String {
    let pairs = query_string([
        ("action", filter.action.map(|a| a.as_str().to_string())),
        ("from", filter.from.map(|d| d.to_string())),
        ("to", filter.to.map(|d| d.to_string())),
    ]);
    if pairs.is_empty() {
        pairs
    } else {
        format!("?{pairs}")
    }
}

/// The newest lines of a school's or trust's log.
pub async fn lines(
    level: Level,
    id: &str,
    filter: &AuditFilter,
) -> Result<Vec<AuditEntry>, ApiFailure> {
    requests::get(&format!(
        "/api/{}/{id}/audit{}",
        level.segment(),
        query(filter)
    ))
    .await
}

/// Where the whole log downloads as CSV.
pub fn csv_url(level: Level, id: &str, filter: &AuditFilter) -> String {
    format!("/api/{}/{id}/audit.csv{}", level.segment(), query(filter))
}
