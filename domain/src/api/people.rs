//! Managers' people types: a person's page, single add/edit and the CSV import.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Role, Status};

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
    /// The pause of their training there, if the school recorded one.
    #[serde(default)]
    pub pause: Option<PauseView>,
}

/// A pause of someone's training, as a school recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PauseView {
    /// The first day paused.
    pub from: NaiveDate,
    /// The last day paused.
    pub until: NaiveDate,
    /// Why ("maternity leave").
    pub reason: String,
}

/// `PUT /api/people/{id}/pause`: pause someone's training at one school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PauseInput {
    /// The school (needed when the person is at several of the caller's schools).
    #[serde(default)]
    pub school_id: Option<String>,
    /// The first day paused.
    pub from: NaiveDate,
    /// The last day paused.
    pub until: NaiveDate,
    /// Why, as the school will want to read it later.
    pub reason: String,
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
    /// Who attested: their id.
    #[serde(default)]
    pub person_id: String,
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
    /// Someone with an account the school does not manage (they work at another school):
    /// they are asked to confirm joining, and nothing of theirs changes until they do.
    Invite,
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
    /// Rows naming someone with an account elsewhere, asked to confirm joining.
    #[serde(default)]
    pub invited: u32,
    /// The file's column headings, in order.
    #[serde(default)]
    pub headers: Vec<String>,
    /// Which heading was read for which detail (chosen, remembered for the school, or guessed).
    #[serde(default)]
    pub columns: ImportColumns,
    /// Active staff missing from the file, by name: the leavers if the import marks them so.
    #[serde(default)]
    pub leavers: Vec<Leaver>,
    /// What the import must be sent as `confirm_leavers` to mark exactly these leavers.
    #[serde(default)]
    pub leavers_confirmation: String,
}

/// Which column heading of a staff file holds each detail; `None` for none. The name is
/// either one column or a first name and a last name put together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportColumns {
    /// The whole name.
    pub name: Option<String>,
    /// The first (preferred) name, when there is no whole name.
    pub first_name: Option<String>,
    /// The last name, when there is no whole name.
    pub last_name: Option<String>,
    /// The email address.
    pub email: Option<String>,
    /// The groups (separated by `;`), or a role such as "Teacher".
    pub groups: Option<String>,
    /// The start date.
    pub start_date: Option<String>,
    /// The school (slug or name).
    pub school: Option<String>,
}

/// Someone an import would mark as a leaver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Leaver {
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
}

/// A school's request that a person confirm joining it (they have an account elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    /// Its id.
    pub id: String,
    /// The school asking.
    pub school_name: String,
    /// The groups they would be in there.
    pub groups: Vec<String>,
    /// When they would start there.
    pub start_date: NaiveDate,
    /// When it was asked.
    pub created_at: String,
}
