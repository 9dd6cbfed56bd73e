//! What a trust's central team oversees: overdue policy reviews and trust-wide evidence.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::EvidenceReport;

/// A policy whose current version's own next-review date has passed (issue: review cycle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyReviewDue {
    /// The policy's id.
    pub policy_id: String,
    /// Its title.
    pub title: String,
    /// The school that owns it.
    pub school_id: String,
    /// The school's name.
    pub school_name: String,
    /// The current version's label.
    pub version_label: String,
    /// When it should have been reviewed.
    pub next_review: NaiveDate,
    /// Days since then.
    pub days_overdue: u32,
}

/// `GET /api/trusts/{id}/evidence?as_at=`: every school's evidence report on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrustEvidenceReport {
    /// The trust.
    pub trust_name: String,
    /// The day the report is for.
    pub as_at: NaiveDate,
    /// When it was produced (UTC, RFC 3339).
    pub generated_at: String,
    /// True when every school's chain verifies.
    pub all_chains_intact: bool,
    /// Valid attestations held, across the schools.
    pub attestations: u32,
    /// Assignments without one, across the schools.
    pub gaps: u32,
    /// One report per school (each with its own chain check), by school name.
    pub schools: Vec<EvidenceReport>,
}
