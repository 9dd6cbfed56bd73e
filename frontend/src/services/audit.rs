//! The audit log of a school or a trust.

use attest_domain::api::{AuditEntry, AuditFilter};

use super::manage::{encode, Level};
use super::requests::{self, ApiFailure};

/// The query string for a filter ("?action=exported&from=2026-09-01"), empty when unfiltered.
pub fn query(filter: &AuditFilter) -> String {
    let mut parts = Vec::new();
    if let Some(action) = filter.action {
        parts.push(format!("action={}", action.as_str()));
    }
    if let Some(from) = filter.from {
        parts.push(format!("from={}", encode(&from.to_string())));
    }
    if let Some(to) = filter.to {
        parts.push(format!("to={}", encode(&to.to_string())));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
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
