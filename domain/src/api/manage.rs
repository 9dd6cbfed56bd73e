//! Request and response types of the managers' area: dashboards, matrix, people, policies, evidence.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Role, Status};
use crate::clauses::Modality;
use crate::diff::PolicyDiff;
use crate::module::Module;

/// A school or trust by id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NamedRef {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// `GET /api/manage`: what the signed-in manager may manage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManageScope {
    /// Schools they manage (directly, through a trust, or as admin).
    pub schools: Vec<NamedRef>,
    /// Trusts whose central team they are in.
    pub trusts: Vec<NamedRef>,
}

/// How many assignments (person × policy) stand at each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCounts {
    /// Not started.
    pub not_started: u32,
    /// In progress.
    pub in_progress: u32,
    /// Quiz passed, not yet attested.
    pub passed: u32,
    /// Attested.
    pub attested: u32,
    /// Due soon.
    pub due_soon: u32,
    /// Overdue.
    pub overdue: u32,
}

impl StatusCounts {
    /// Counts one more of `status`.
    pub fn add(&mut self, status: Status) {
        let slot = match status {
            Status::NotStarted => &mut self.not_started,
            Status::InProgress => &mut self.in_progress,
            Status::Passed => &mut self.passed,
            Status::Attested => &mut self.attested,
            Status::DueSoon => &mut self.due_soon,
            Status::Overdue => &mut self.overdue,
        };
        *slot += 1;
    }

    /// The count for one status.
    pub fn get(&self, status: Status) -> u32 {
        match status {
            Status::NotStarted => self.not_started,
            Status::InProgress => self.in_progress,
            Status::Passed => self.passed,
            Status::Attested => self.attested,
            Status::DueSoon => self.due_soon,
            Status::Overdue => self.overdue,
        }
    }

    /// Every assignment counted.
    pub fn total(&self) -> u32 {
        self.not_started
            + self.in_progress
            + self.passed
            + self.attested
            + self.due_soon
            + self.overdue
    }
}

/// Every status, in the order charts and tables show them.
pub const ALL_STATUSES: [Status; 6] = [
    Status::Overdue,
    Status::NotStarted,
    Status::InProgress,
    Status::Passed,
    Status::DueSoon,
    Status::Attested,
];

/// Whether a status means a valid attestation is held (the dashboard's "compliant").
pub fn is_compliant(status: Status) -> bool {
    matches!(status, Status::Attested | Status::DueSoon)
}

/// One person's one policy that needs action, for the dashboard's lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DueItem {
    /// The person's id.
    pub person_id: String,
    /// Their name.
    pub name: String,
    /// The school.
    pub school_name: String,
    /// The policy's title.
    pub policy_title: String,
    /// Where they stand.
    pub status: Status,
    /// The deadline.
    pub due: NaiveDate,
}

/// One point of the compliance-over-time line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompliancePoint {
    /// The day.
    pub date: NaiveDate,
    /// Share of people fully compliant that day, in percent.
    pub percent: f64,
}

/// One bar group of "status by group" (school dashboard) or "by school" (trust dashboard).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusBar {
    /// The group or school.
    pub name: String,
    /// Assignments by status.
    pub counts: StatusCounts,
    /// People in it.
    pub people: u32,
    /// Share of them fully compliant, in percent.
    pub percent: f64,
}

/// `GET /api/schools/{id}/dashboard`, `GET /api/trusts/{id}/dashboard`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    /// The school or trust.
    pub name: String,
    /// The day the figures are for.
    pub today: NaiveDate,
    /// Active people with at least one assigned policy.
    pub people: u32,
    /// Of them, those holding a valid attestation of every assigned policy.
    pub fully_compliant: u32,
    /// `fully_compliant` over `people`, in percent.
    pub percent: f64,
    /// Assignments by status.
    pub counts: StatusCounts,
    /// Overdue assignments, earliest deadline first (at most 100).
    pub overdue: Vec<DueItem>,
    /// Assignments falling due in the next 30 days (at most 100).
    pub due_next_30_days: Vec<DueItem>,
    /// Share compliant at the end of each of the last weeks, oldest first.
    pub over_time: Vec<CompliancePoint>,
    /// Status by group (school) or by school (trust).
    pub bars: Vec<StatusBar>,
    /// Policies whose own review date has passed, most overdue first.
    #[serde(default)]
    pub overdue_reviews: Vec<super::PolicyReviewDue>,
}

/// Query of the completion matrix.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct MatrixQuery {
    /// Only people in this group.
    pub group: Option<String>,
    /// Only people with a policy at this status.
    pub status: Option<Status>,
    /// Only people whose name or email contains this.
    pub q: Option<String>,
    /// `name` (default), `email`, `school`, `status` (worst first) or `due` (soonest first).
    pub sort: Option<String>,
    /// Page number, from 1.
    pub page: Option<u32>,
    /// Rows per page (1 to 500, default 50).
    pub per_page: Option<u32>,
    /// Trust matrix only: one school's id.
    pub school: Option<String>,
}

/// One column of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyColumn {
    /// The policy's id.
    pub policy_id: String,
    /// Its title.
    pub title: String,
    /// The current version's label.
    pub version_label: String,
    /// Its school.
    pub school_name: String,
}

/// One cell: a person's standing on a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixCell {
    /// Where they stand.
    pub status: Status,
    /// The deadline.
    pub due: NaiveDate,
}

/// One row: a person at a school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixRow {
    /// The person's id.
    pub person_id: String,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// The school.
    pub school_name: String,
    /// Their groups there.
    pub groups: Vec<String>,
    /// One cell per column; `None` where the policy is not assigned to them.
    pub cells: Vec<Option<MatrixCell>>,
}

/// `GET /api/schools/{id}/matrix`: one page of people × policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Matrix {
    /// The columns.
    pub policies: Vec<PolicyColumn>,
    /// This page's rows.
    pub rows: Vec<MatrixRow>,
    /// Rows matching the filters, on all pages.
    pub total: u32,
    /// This page, from 1.
    pub page: u32,
    /// Rows per page.
    pub per_page: u32,
    /// The groups that can be filtered on.
    pub groups: Vec<String>,
}

/// A person's membership as a manager sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonMembership {
    /// The school's id.
    pub school_id: String,
    /// The school's name.
    pub school_name: String,
    /// Their role there.
    pub role: Role,
    /// Their groups there.
    pub groups: Vec<String>,
    /// When they started there.
    pub start_date: NaiveDate,
    /// False once they have left that school.
    pub active: bool,
}

/// One policy on a person's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonPolicy {
    /// The policy's title.
    pub title: String,
    /// The current version's label.
    pub version_label: String,
    /// The school.
    pub school_name: String,
    /// Where they stand.
    pub status: Status,
    /// The deadline.
    pub due: NaiveDate,
    /// When the held attestation expires.
    pub expires: Option<NaiveDate>,
}

/// One quiz attempt on a person's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptSummary {
    /// The policy's title.
    pub policy_title: String,
    /// The version's label.
    pub version_label: String,
    /// When it was drawn (UTC, RFC 3339).
    pub started_at: String,
    /// When it was submitted, if it was.
    pub submitted_at: Option<String>,
    /// Right answers, once submitted.
    pub score: Option<u32>,
    /// Questions asked.
    pub total: u32,
    /// Whether it passed, once submitted.
    pub passed: Option<bool>,
}

/// One attestation on a person's page or in the evidence report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttestationSummary {
    /// The attestation's id.
    pub id: String,
    /// Who attested.
    pub person_name: String,
    /// Their email.
    pub email: String,
    /// The school.
    pub school_name: String,
    /// The policy's title.
    pub policy_title: String,
    /// The version's label.
    pub version_label: String,
    /// SHA-256 of the version's text.
    pub text_sha256: String,
    /// When (UTC, RFC 3339).
    pub attested_at: String,
    /// The quiz score.
    pub score: u32,
    /// Out of how many.
    pub total: u32,
    /// The receipt's code.
    pub code: String,
    /// The record's hash in the school's chain.
    pub hash: String,
    /// Its place in the chain.
    pub seq: i64,
    /// Whether the chain verifies up to and including this record.
    pub verified: bool,
}

/// One reminder written for a person, from the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderSummary {
    /// Why: new_starter, new_version, due_30, due_7, due_1, overdue, escalation, review_60,
    /// review_30, manual, sign_in_link or password_reset.
    pub stage: String,
    /// The school it came from, if one.
    pub school_name: Option<String>,
    /// The policy it is about, if one.
    pub policy_title: Option<String>,
    /// The deadline it is about, if any.
    pub due_on: Option<NaiveDate>,
    /// Pending, sent or failed.
    pub status: super::ReminderStatus,
    /// Delivery attempts so far.
    pub tries: u32,
    /// When it was written (UTC, RFC 3339).
    pub created_at: String,
    /// When it was sent, if it was.
    pub sent_at: Option<String>,
}

/// `GET /api/people/{id}`: a person's full history at the manager's schools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonDetail {
    /// The person's id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// False for a leaver.
    pub active: bool,
    /// Their memberships at schools the manager manages.
    pub memberships: Vec<PersonMembership>,
    /// Their assigned policies with status.
    pub policies: Vec<PersonPolicy>,
    /// Their quiz attempts, newest first.
    pub attempts: Vec<AttemptSummary>,
    /// Their attestations, newest first.
    pub attestations: Vec<AttestationSummary>,
    /// Reminders sent to them, newest first.
    pub reminders: Vec<ReminderSummary>,
}

/// `POST /api/schools/{id}/people` and `PUT /api/people/{id}`: one person's details at a school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonInput {
    /// Their name.
    pub name: String,
    /// Their email (the key an import matches on).
    pub email: String,
    /// Their groups at the school.
    pub groups: Vec<String>,
    /// When they start(ed) there.
    pub start_date: NaiveDate,
    /// `PUT` only: which school's membership to edit.
    #[serde(default)]
    pub school_id: Option<String>,
    /// `PUT` only: false marks them as having left the school.
    #[serde(default)]
    pub active: Option<bool>,
}

/// One refused line of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    /// The line number in the file (the header is line 1).
    pub line: u64,
    /// Why it was refused.
    pub reason: String,
}

/// What an import did (or, on a dry run, would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    /// A new person, or a new member of this school.
    #[default]
    Create,
    /// Name, start date or groups change.
    Update,
    /// Already exactly as in the file.
    Unchanged,
    /// A leaver coming back.
    Reactivate,
}

/// One good line of an import, as it will be applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRow {
    /// The line number in the file.
    pub line: u64,
    /// The name.
    pub name: String,
    /// The email.
    pub email: String,
    /// The groups.
    pub groups: Vec<String>,
    /// The start date.
    pub start_date: NaiveDate,
    /// What happens to it.
    pub action: RowAction,
}

/// `POST /api/schools/{id}/people/import`: the preview or the result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// False on a dry run or when any row was refused (then nothing was written).
    pub applied: bool,
    /// The good rows.
    pub rows: Vec<ImportRow>,
    /// The refused rows.
    pub errors: Vec<RowError>,
    /// Rows creating people or memberships.
    pub created: u32,
    /// Rows changing someone.
    pub updated: u32,
    /// Rows already as in the file.
    pub unchanged: u32,
    /// Leavers coming back.
    pub reactivated: u32,
    /// Active members of the school missing from the file (deactivated with `deactivate_missing`).
    pub missing: Vec<String>,
    /// How many of them were deactivated.
    pub deactivated: u32,
}

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
}

/// `POST /api/schools/{id}/policies/preview`: what a file would publish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyPreview {
    /// The uploaded file's name.
    pub file_name: String,
    /// The text read from it (sent back when publishing).
    pub text: String,
    /// The title found in it.
    pub title: String,
    /// Clauses found.
    pub clause_count: u32,
    /// Of them, clauses with a duty.
    pub duty_count: u32,
    /// The parsed clauses.
    pub clauses: Vec<crate::Clause>,
    /// The generated module.
    pub module: Module,
    /// A sample of the generated quiz (stems and options).
    pub quiz_sample: Vec<super::QuestionView>,
    /// Questions in the generated bank.
    pub question_count: u32,
    /// The next review date the text names.
    pub next_review: Option<NaiveDate>,
    /// For a new version: the difference from the current one.
    pub diff: Option<PolicyDiff>,
}

/// `POST /api/schools/{id}/policies` and `POST /api/policies/{id}/versions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishRequest {
    /// The file's name.
    pub file_name: String,
    /// The text, as the preview returned it.
    pub text: String,
    /// The title (defaults to the one found in the text).
    #[serde(default)]
    pub title: Option<String>,
    /// The version's label.
    pub version_label: String,
    /// How long an attestation lasts, in months.
    pub review_period_months: u32,
    /// Pass mark, in percent.
    pub pass_mark: u32,
    /// When the policy is next reviewed.
    #[serde(default)]
    pub next_review: Option<NaiveDate>,
    /// Groups that must complete it (new policy: required; new version: replaces them if given).
    #[serde(default)]
    pub groups: Vec<String>,
    /// New version only: whether holders must re-attest (defaults to on when a duty changed).
    #[serde(default)]
    pub requires_reattestation: Option<bool>,
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
    /// The clauses that carry it.
    pub clause_ids: Vec<String>,
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
    /// The school.
    pub school_name: String,
    /// The day the report is for.
    pub as_at: NaiveDate,
    /// When it was produced (UTC, RFC 3339).
    pub generated_at: String,
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
