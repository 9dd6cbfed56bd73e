//! Managers' policy types: publishing, the trust comparison, evidence and insight.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AttestationSummary, Status};
use crate::clauses::Modality;

/// `GET /api/schools/{id}/policies`: one policy with its current version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicySummary {
    /// The policy's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The current version's label.
    pub version_label: String,
    /// How many versions it has.
    pub versions: u32,
    /// The groups it is assigned to.
    pub groups: Vec<String>,
    /// When it is next reviewed.
    pub next_review: Option<NaiveDate>,
    /// Whether it is the school's copy of its trust's model policy.
    #[serde(default)]
    pub from_model: bool,
}

/// A reviewed draft as the server stores it: a new policy or the next version of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishRequest {
    /// The file's name.
    pub file_name: String,
    /// The text read from the file.
    pub text: String,
    /// The title (defaults to the one found in the text).
    #[serde(default)]
    pub title: Option<String>,
    /// The version's label.
    pub version_label: String,
    /// How long an attestation lasts, in months (none: as the policy has it now, or 12).
    #[serde(default)]
    pub review_period_months: Option<u32>,
    /// Pass mark, in percent (none: as the policy has it now, or 80).
    #[serde(default)]
    pub pass_mark: Option<u32>,
    /// When the policy is next reviewed.
    #[serde(default)]
    pub next_review: Option<NaiveDate>,
    /// Groups that must complete it (new policy: required; new version: replaces them if given).
    #[serde(default)]
    pub groups: Vec<String>,
    /// New version only: whether holders must re-attest (defaults to on when a duty changed).
    #[serde(default)]
    pub requires_reattestation: Option<bool>,
    /// The kept original's SHA-256.
    #[serde(default)]
    pub source_sha256: Option<String>,
}

/// What was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishResult {
    /// The policy's id.
    pub policy_id: String,
    /// The new version's id.
    pub version_id: String,
    /// The policy's title.
    pub title: String,
    /// Whether holders of earlier versions must re-attest.
    pub requires_reattestation: bool,
}

/// One school's standing on one topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicCell {
    /// The school.
    pub school_name: String,
    /// The strongest duty on the topic, if the school has one.
    pub strongest: Option<Modality>,
    /// The clauses that carry it, each with its number and words.
    pub clauses: Vec<QuotedClause>,
}

/// A clause as a comparison quotes it: its number and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotedClause {
    /// The clause's number in its policy ("3.2").
    pub id: String,
    /// Its text.
    pub text: String,
}

/// One topic across a trust's schools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicRow {
    /// The topic's id.
    pub topic: String,
    /// What people see.
    pub label: String,
    /// One cell per school, in the comparison's school order.
    pub schools: Vec<TopicCell>,
    /// True when some schools have a duty on it and others none.
    pub gap: bool,
}

/// `GET /api/trusts/{id}/compare`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrustComparison {
    /// The trust.
    pub trust_name: String,
    /// The schools, in column order.
    pub schools: Vec<String>,
    /// Topics on which at least one school has a duty.
    pub topics: Vec<TopicRow>,
}

/// The chain check in an evidence report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChainCheck {
    /// Records in the school's chain.
    pub records: u32,
    /// Whether every link verifies.
    pub intact: bool,
    /// The first broken record's place, if any.
    pub broken_at: Option<i64>,
    /// What is wrong with it.
    pub reason: Option<String>,
}

/// Someone without a valid attestation on the report's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceGap {
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// The policy's title.
    pub policy_title: String,
    /// Where they stood that day.
    pub status: Status,
}

/// `GET /api/schools/{id}/evidence?as_at=`: who held a valid attestation of which version on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceReport {
    /// The school's id.
    #[serde(default)]
    pub school_id: String,
    /// The school.
    pub school_name: String,
    /// The day the report is for.
    pub as_at: NaiveDate,
    /// When it was produced (UTC, RFC 3339).
    pub generated_at: String,
    /// The school's time zone (an IANA name), which its times are shown in.
    #[serde(default = "super::default_time_zone")]
    pub time_zone: String,
    /// The school's chain check.
    pub chain: ChainCheck,
    /// Valid attestations held at the end of `as_at`.
    pub attestations: Vec<AttestationSummary>,
    /// Assigned people without one.
    pub gaps: Vec<EvidenceGap>,
}

/// One clause that staff often get wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClauseInsight {
    /// The clause's id.
    pub clause_id: String,
    /// Its section.
    pub section: String,
    /// Its text.
    pub text: String,
    /// First-attempt questions on it.
    pub asked: u32,
    /// Of them, answered wrongly.
    pub wrong: u32,
    /// `wrong / asked`, in percent.
    pub percent_wrong: f64,
}

/// `GET /api/policies/{id}/insight`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyInsight {
    /// The policy's title.
    pub title: String,
    /// The version the figures are for.
    pub version_label: String,
    /// First attempts counted.
    pub first_attempts: u32,
    /// Clauses, most often wrong first.
    pub clauses: Vec<ClauseInsight>,
}
