//! Request and response types shared by the axum handlers and the Yew services.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod admin;
mod audit;
mod directory;
mod manage;
mod models;
mod names;
mod oversight;
mod people;
mod policies;
mod privacy;
mod reading;
mod reminders;
mod review;
mod roles;
mod two_factor;
mod wording;
pub use admin::*;
pub use audit::*;
pub use directory::*;
pub use manage::*;
pub use models::*;
pub use names::{person_name, NameProblem, MAX_NAME_CHARS};
pub use oversight::*;
pub use people::*;
pub use policies::*;
pub use privacy::*;
pub use reading::*;
pub use reminders::*;
pub use review::*;
pub use roles::*;
pub use two_factor::*;
pub use wording::{count, date_time, long_date, sentence, InUtc, Zone};

/// The one JSON error shape every failed API call returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// A message fit to show the user.
    pub message: String,
    /// A machine-readable reason the app acts on (such as [`TWO_FACTOR_REQUIRED`]), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// `POST /api/session`: sign in with email and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    /// The account's email address.
    pub email: String,
    /// The account's password.
    pub password: String,
}

/// A role a person holds at a school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A member of staff, volunteer or governor.
    Staff,
    /// A school's manager (headteacher, safeguarding lead, HR).
    SchoolManager,
    /// A trust's central team.
    TrustManager,
    /// Runs the whole installation.
    Admin,
}

impl Role {
    /// The snake_case name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::SchoolManager => "school_manager",
            Role::TrustManager => "trust_manager",
            Role::Admin => "admin",
        }
    }

    /// Reads a stored role name.
    pub fn parse(name: &str) -> Option<Role> {
        match name {
            "staff" => Some(Role::Staff),
            "school_manager" => Some(Role::SchoolManager),
            "trust_manager" => Some(Role::TrustManager),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// One school a person belongs to, with their role and groups there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Membership {
    /// The school's id.
    pub school_id: String,
    /// The school's name.
    pub school_name: String,
    /// The person's role at that school.
    pub role: Role,
    /// The person's groups at that school (teaching, support, governors …).
    pub groups: Vec<String>,
}

/// `GET /api/me`: the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    /// The person's id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their email address.
    pub email: String,
    /// The schools they belong to.
    pub memberships: Vec<Membership>,
    /// Whether they may open the managers' area (a school or trust manager, or an admin).
    #[serde(default)]
    pub manages: bool,
    /// Whether a place they manage requires two-factor sign-in and they have not set it up:
    /// the app sends them to do so before anything else.
    #[serde(default)]
    pub must_enrol_two_factor: bool,
    /// The time zone their pages show times in (an IANA name): their first school's, or for
    /// a trust's central team, their trust's first school's.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
}

/// The time zone a school has until its managers choose another.
pub const DEFAULT_TIME_ZONE: &str = "Europe/London";

pub(crate) fn default_time_zone() -> String {
    DEFAULT_TIME_ZONE.to_string()
}

/// Where a person stands on one assigned policy (derived, never stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Assigned, nothing done yet.
    NotStarted,
    /// Reading or quiz under way.
    InProgress,
    /// Quiz passed, attestation not yet signed.
    Passed,
    /// A valid attestation of the current version is held.
    Attested,
    /// Attested, but the attestation lapses within 30 days (or a new version needs it soon).
    DueSoon,
    /// Past the due date without a valid attestation.
    Overdue,
    /// Training paused by the school for a while (leave, say): nothing is due meanwhile,
    /// and the deadline moves on by the length of the pause.
    Paused,
}

impl Status {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::InProgress => "In progress",
            Status::Passed => "Passed",
            Status::Attested => "Attested",
            Status::DueSoon => "Due soon",
            Status::Overdue => "Overdue",
            Status::Paused => "Paused",
        }
    }
}

/// `GET /api/me/modules`: one assigned policy module on "My training".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModuleSummary {
    /// The policy version the module is built from.
    pub version_id: String,
    /// The policy's title.
    pub title: String,
    /// The policy version's label ("v1", "2024").
    pub version_label: String,
    /// The school the assignment comes from.
    pub school_name: String,
    /// Where the person stands.
    pub status: Status,
    /// When the person must (next) complete it.
    pub due: Option<NaiveDate>,
    /// When the current attestation expires, if one is held.
    pub expires: Option<NaiveDate>,
    /// Lessons read so far.
    pub lessons_done: u32,
    /// Lessons in the module.
    pub lessons_total: u32,
    /// The latest attestation held (of this or an earlier version), for its receipt.
    pub receipt_id: Option<String>,
}

/// `GET /api/modules/{version_id}`: a module to read, with where the reader left off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModuleView {
    /// The policy version.
    pub version_id: String,
    /// The policy's title.
    pub title: String,
    /// The version's label.
    pub version_label: String,
    /// The school.
    pub school_name: String,
    /// The lessons.
    pub module: crate::module::Module,
    /// The lesson to resume at (0-based).
    pub current_lesson: u32,
    /// Lessons read so far.
    pub lessons_done: u32,
    /// The quiz's pass mark, in percent.
    pub pass_mark: u32,
    /// Where the reader stands.
    pub status: Status,
    /// A passed attempt of this version not yet attested: it can be signed without a retake.
    #[serde(default)]
    pub unattested_pass: Option<String>,
    /// When re-attesting: what changed since the version the reader last attested.
    #[serde(default)]
    pub changes: Option<crate::diff::PolicyDiff>,
    /// After a failed attempt: the lessons to read again before a retake.
    #[serde(default)]
    pub reread: Vec<LessonLink>,
    /// Lessons (0-based) not opened yet.
    #[serde(default)]
    pub unread_lessons: Vec<u32>,
    /// Whether the quiz opens only once every lesson has been read.
    #[serde(default)]
    pub lessons_first: bool,
}

/// `PUT /api/modules/{version_id}/progress`: where the reader is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressUpdate {
    /// The lesson open now (0-based).
    pub current_lesson: u32,
    /// Lessons read so far.
    pub lessons_done: u32,
}

/// A question as the browser sees it before submission: no answer, no explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionView {
    /// The question's id within the attempt.
    pub id: String,
    /// The situation and question.
    pub stem: String,
    /// The options to choose from.
    pub options: Vec<String>,
}

/// `POST /api/modules/{version_id}/attempts`: a freshly drawn quiz.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptView {
    /// The attempt's id.
    pub id: String,
    /// The policy version it tests.
    pub version_id: String,
    /// The questions, in order.
    pub questions: Vec<QuestionView>,
    /// The pass mark, in percent.
    pub pass_mark: u32,
}

/// `POST /api/attempts/{id}/submit`: the chosen option of each question (by index; `None` unanswered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitAttempt {
    /// One entry per question, in the attempt's order.
    pub answers: Vec<Option<usize>>,
}

/// One question after grading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GradedQuestion {
    /// The situation and question.
    pub stem: String,
    /// The options.
    pub options: Vec<String>,
    /// What was chosen.
    pub chosen: Option<usize>,
    /// The right option: only once the attempt passed, so a failed attempt is no answer key.
    pub answer: Option<usize>,
    /// Whether the choice was right.
    pub correct: bool,
    /// Why, quoting the deciding clause with its number: only once the attempt passed.
    pub explanation: Option<String>,
    /// The clauses the question tests.
    pub clause_ids: Vec<String>,
}

/// The graded attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptResult {
    /// The attempt's id.
    pub attempt_id: String,
    /// The policy version it tested.
    pub version_id: String,
    /// Right answers.
    pub score: u32,
    /// Questions asked.
    pub total: u32,
    /// Whether the score reached the pass mark.
    pub passed: bool,
    /// The pass mark, in percent.
    pub pass_mark: u32,
    /// Each question, right or wrong; the right answers and explanations only if it passed.
    pub questions: Vec<GradedQuestion>,
    /// After a fail: the lessons to read again before a retake.
    #[serde(default)]
    pub reread: Vec<LessonLink>,
}

/// `POST /api/attempts/{id}/attestation`: the person confirms the statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttestRequest {
    /// Must be true: the person ticked "I confirm".
    pub confirm: bool,
}

/// A signed attestation, as its receipt shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Receipt {
    /// The attestation's id.
    pub id: String,
    /// The short code anyone can check at `/verify/{code}`.
    pub code: String,
    /// The statement the person confirmed.
    pub statement: String,
    /// Who attested.
    pub person_name: String,
    /// At which school.
    pub school_name: String,
    /// The policy's title.
    pub policy_title: String,
    /// The version's label.
    pub version_label: String,
    /// SHA-256 of the version's text.
    pub text_sha256: String,
    /// When (UTC, RFC 3339).
    pub attested_at: String,
    /// The last day it is valid.
    pub expires: NaiveDate,
    /// The quiz score.
    pub score: u32,
    /// Out of how many.
    pub total: u32,
    /// The record's hash in the school's chain.
    pub hash: String,
}

/// `GET /api/verify/{code}`: what the public may see of an attestation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyView {
    /// Who attested.
    pub name: String,
    /// The policy's title.
    pub policy: String,
    /// The version's label.
    pub version: String,
    /// The day it was signed (UTC).
    pub date: NaiveDate,
}

/// The statement a person confirms when attesting.
pub fn statement(name: &str, title: &str, version: &str, school: &str, date: NaiveDate) -> String {
    format!(
        "I, {name}, have read and understood version {version} of the {school} {title}, and I will follow it. ({})",
        long_date(date)
    )
}
