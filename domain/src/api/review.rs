//! Review before publish: a draft as the review pages show it, and what they send.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::AuditEntry;
use crate::diff::PolicyDiff;
use crate::quiz::Question;
use crate::review::{DraftClause, QuestionAction, Reading, Reviewed, WrittenQuestion};

/// One question under review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftQuestion {
    /// As staff would be asked it (edited, if it was).
    pub question: Question,
    /// As generated, when it was edited.
    pub generated: Option<Question>,
    /// How sure the engine is of it.
    pub reading: Reading,
    /// What the manager decided, if anything yet.
    pub action: Option<QuestionAction>,
    /// Who decided, and when.
    pub reviewed: Option<Reviewed>,
    /// True when the decision came from the previous version.
    pub carried: bool,
}

/// `GET /api/drafts/{id}` and every review step's answer: an upload under review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyDraft {
    /// The draft's id.
    pub id: String,
    /// The school it belongs to (none for a trust's model).
    pub school_id: Option<String>,
    /// The trust whose model policy it is a version of (none for a school's draft).
    #[serde(default)]
    pub trust_id: Option<String>,
    /// The model policy it is a version of (a trust's) or follows (a school's).
    #[serde(default)]
    pub model_id: Option<String>,
    /// For a new version: the policy it replaces (for a new policy, set once published).
    pub policy_id: Option<String>,
    /// For a new version: the current title of the policy it replaces.
    pub replaces: Option<String>,
    /// The uploaded file's name.
    pub file_name: String,
    /// The title found in the document.
    pub title: String,
    /// Hex SHA-256 of the uploaded bytes.
    pub source_sha256: String,
    /// The review date the document names.
    pub next_review: Option<NaiveDate>,
    /// When it was uploaded.
    pub created_at: DateTime<Utc>,
    /// The clauses in document order, as read and as corrected.
    pub clauses: Vec<DraftClause>,
    /// Every question, least sure first (retired ones too, marked).
    pub questions: Vec<DraftQuestion>,
    /// Flagged clauses nobody has looked at yet.
    pub outstanding_clauses: u32,
    /// Flagged questions nobody has decided on yet.
    pub outstanding_questions: u32,
    /// Clauses whose review came from the previous version.
    pub carried: u32,
    /// Questions staff could be asked once published.
    pub bank_size: u32,
    /// For a new version: what changed from the current one, with each change classed.
    pub diff: Option<PolicyDiff>,
    /// Once published: the version it became (a school's draft).
    pub published_version_id: Option<String>,
    /// Whether it has been published (a trust's draft becomes a model version, not a policy's).
    #[serde(default)]
    pub published: bool,
    /// The groups people are in at the school (or the trust's schools): what publishing may
    /// assign it to.
    #[serde(default)]
    pub groups: Vec<String>,
}

/// `POST /api/drafts/{id}/clauses/{clause_id}/split`: where to split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SplitClause {
    /// How many of its sentences stay in the first part (1 or more; the rest form the second).
    pub at: usize,
}

/// `PUT /api/drafts/{id}/questions/{question_id}`: a decision on one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionReview {
    /// Approve, edit or retire.
    pub action: QuestionAction,
    /// For an edit: the new wording.
    #[serde(default)]
    pub question: Option<WrittenQuestion>,
}

/// `POST /api/drafts/{id}/publish`: the version's settings, and the choice to publish unreviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftPublish {
    /// The title (defaults to the one found in the document).
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
    /// Publish although flagged items were not looked at (the page warns first).
    #[serde(default)]
    pub publish_unreviewed: bool,
    /// A trust's model only: the schools to adopt it now (every school that already follows
    /// the model gets the new version whatever this lists).
    #[serde(default)]
    pub schools: Vec<String>,
}

/// What publishing a draft did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftPublished {
    /// The policy's id.
    pub policy_id: String,
    /// The new version's id.
    pub version_id: String,
    /// The policy's title.
    pub title: String,
    /// Whether holders of earlier versions must re-attest.
    pub requires_reattestation: bool,
    /// Hex SHA-256 of the uploaded file the version was read from.
    pub source_sha256: String,
    /// Flagged items published without anyone looking at them.
    pub unreviewed: u32,
    /// A trust's model only: what became of each school's copy.
    #[serde(default)]
    pub adoptions: Vec<Adoption>,
}

/// One school's copy of a model version, as publishing the model left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Adoption {
    /// The school.
    pub school_id: String,
    /// Its name.
    pub school_name: String,
    /// Its policy (once published there).
    pub policy_id: Option<String>,
    /// The version published there, if it was.
    pub version_id: Option<String>,
    /// Whether that school's holders re-attest (the material-change rule, on its own copy).
    pub requires_reattestation: bool,
    /// The local amendments applied again to this version.
    pub amendments_kept: u32,
    /// Not published: the school's draft, waiting for the school to review it.
    pub waiting_draft_id: Option<String>,
    /// Why it waits.
    pub waiting_reason: Option<String>,
}

/// `GET /api/policies/{id}/history`: who uploaded, reviewed and published what, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyHistory {
    /// The policy's title.
    pub title: String,
    /// The school's id (for the way back).
    pub school_id: String,
    /// Every upload, review decision, edit and publish.
    pub entries: Vec<AuditEntry>,
}
