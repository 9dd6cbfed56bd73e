//! Staff reading a policy: the whole text, its original, what to reread; and the quiz's settings.

use serde::{Deserialize, Serialize};

/// A lesson to read again after a failed attempt: it teaches a clause the person got wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LessonLink {
    /// The lesson's place in the module (0-based), as the reader opens it.
    pub index: u32,
    /// The lesson's id (`lesson-3`).
    pub id: String,
    /// Its section heading.
    pub section: String,
    /// The missed clauses it teaches.
    pub clause_ids: Vec<String>,
    /// Whether it has been opened again since the attempt failed.
    pub reread: bool,
}

/// `GET /api/modules/{version_id}/policy`: the whole policy, clause by clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyText {
    /// The policy version.
    pub version_id: String,
    /// The policy's title.
    pub title: String,
    /// The version's label.
    pub version_label: String,
    /// The school.
    pub school_name: String,
    /// Every clause in document order.
    pub clauses: Vec<PolicyClause>,
    /// The uploaded document, if it was kept.
    pub original: Option<OriginalFile>,
}

/// One clause of the policy as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyClause {
    /// Its number in the document (`3.2`), or a stable id from its place.
    pub id: String,
    /// The heading of its section.
    pub section: String,
    /// Its full text.
    pub text: String,
}

/// The kept original of a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OriginalFile {
    /// The name it was uploaded with.
    pub file_name: String,
    /// Its media type.
    pub media_type: String,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of its bytes (what attestations of the version name).
    pub sha256: String,
}

/// `GET`/`PUT /api/policies/{id}/settings`: a policy's quiz and deadline settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicySettings {
    /// Questions in each quiz (3 to 30).
    pub questions_per_quiz: u32,
    /// Pass mark in percent (50 to 100).
    pub pass_mark: u32,
    /// How long an attestation lasts, in months (1 to 60).
    pub renewal_months: u32,
    /// Days a new starter has to complete it (1 to 365).
    pub new_starter_days: u32,
    /// Days to re-attest after a new version that changes a duty (1 to 365).
    pub grace_days: u32,
    /// Whether the quiz opens only once every lesson has been read.
    pub lessons_first: bool,
}
