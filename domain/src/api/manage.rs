//! Request and response types of the managers' area: scope, dashboards and the matrix.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Status;

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
    /// Paused by the school: counted apart, in nobody's compliance.
    #[serde(default)]
    pub paused: u32,
}

impl StatusCounts {
    /// Counts one more of `status`.
    pub fn add(&mut self, status: Status) {
        *self.slot(status) += 1;
    }

    /// Adds another tally's counts to these.
    pub fn absorb(&mut self, other: &StatusCounts) {
        for status in ALL_STATUSES {
            *self.slot(status) += other.get(status);
        }
    }

    fn slot(&mut self, status: Status) -> &mut u32 {
        match status {
            Status::NotStarted => &mut self.not_started,
            Status::InProgress => &mut self.in_progress,
            Status::Passed => &mut self.passed,
            Status::Attested => &mut self.attested,
            Status::DueSoon => &mut self.due_soon,
            Status::Overdue => &mut self.overdue,
            Status::Paused => &mut self.paused,
        }
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
            Status::Paused => self.paused,
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
            + self.paused
    }
}

/// Every status, in the order charts and tables show them.
pub const ALL_STATUSES: [Status; 7] = [
    Status::Overdue,
    Status::NotStarted,
    Status::InProgress,
    Status::Passed,
    Status::DueSoon,
    Status::Attested,
    Status::Paused,
];

/// Whether a status means a valid attestation is held (the dashboard's "compliant").
pub fn is_compliant(status: Status) -> bool {
    matches!(status, Status::Attested | Status::DueSoon)
}

/// What a status says of a person's compliance: `None` for a paused policy, which is
/// counted apart and makes them neither compliant nor not.
pub fn compliance(status: Status) -> Option<bool> {
    (status != Status::Paused).then(|| is_compliant(status))
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
    /// How many assignments are overdue in all (the list may show fewer).
    #[serde(default)]
    pub overdue_total: u32,
    /// How many fall due in the next 30 days in all (the list may show fewer).
    #[serde(default)]
    pub due_next_30_days_total: u32,
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
    /// The schools that can be filtered on (a trust's matrix), by name.
    #[serde(default)]
    pub schools: Vec<NamedRef>,
}
