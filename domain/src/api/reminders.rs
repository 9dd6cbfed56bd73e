//! Sign-in links, password resets, reminders and school holidays.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Me;

/// `POST /api/sign-in-links` and `POST /api/password-resets`: mail me a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkRequest {
    /// The account's email address.
    pub email: String,
}

/// 202 answer to a link request: the same whether or not the email has an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    /// What to tell the person.
    pub message: String,
}

/// `POST /api/links/{token}`: the link signed the person in; where to go next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkSignIn {
    /// The app path to open (`/modules/{version_id}`, `/training` …).
    pub next: String,
    /// The person now signed in.
    pub me: Me,
}

/// `POST /api/password-resets/{token}`: the new password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPassword {
    /// At least [`MIN_PASSWORD_LEN`] characters.
    pub password: String,
}

/// The shortest password a reset accepts.
pub const MIN_PASSWORD_LEN: usize = 10;

/// Where a reminder is in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReminderStatus {
    /// Waiting to be sent (or to be retried).
    Pending,
    /// Handed to the mail server.
    Sent,
    /// Given up after the last try.
    Failed,
}

impl ReminderStatus {
    /// Reads the outbox's stored status; anything unknown is still waiting.
    pub fn parse(stored: &str) -> ReminderStatus {
        match stored {
            "sent" => ReminderStatus::Sent,
            "failed" => ReminderStatus::Failed,
            _ => ReminderStatus::Pending,
        }
    }

    /// What people see.
    pub fn label(self) -> &'static str {
        match self {
            ReminderStatus::Pending => "Pending",
            ReminderStatus::Sent => "Sent",
            ReminderStatus::Failed => "Failed",
        }
    }
}

/// `GET /api/schools/{school_id}/reminders`: one line of a school's reminder log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderEntry {
    /// The reminder's id.
    pub id: String,
    /// Who it goes to.
    pub person_name: String,
    /// Their email address.
    pub email: String,
    /// Why it was sent: new_starter, new_version, due_30, due_7, due_1, overdue,
    /// escalation, review_60, review_30 or manual.
    pub stage: String,
    /// The policy it is about, if one.
    pub policy_title: Option<String>,
    /// The deadline it is about, if any.
    pub due_on: Option<NaiveDate>,
    /// Pending, sent or failed.
    pub status: ReminderStatus,
    /// Delivery attempts so far.
    pub tries: u32,
    /// When it was written (UTC, RFC 3339).
    pub created_at: String,
    /// When it is (or was) next due to go out (UTC, RFC 3339).
    pub send_after: String,
    /// When it was sent, if it was.
    pub sent_at: Option<String>,
    /// The mail server's last refusal, if any.
    pub last_error: Option<String>,
}

/// `POST /api/schools/{school_id}/reminders`: remind one person, or everyone in a group, now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemindNow {
    /// One person.
    pub person_id: Option<String>,
    /// Or a whole group at the school ("teaching").
    pub group: Option<String>,
}

/// The answer to "remind now".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemindNowResult {
    /// Reminders queued.
    pub queued: u32,
    /// People left out: already reminded today, or nothing outstanding.
    pub skipped: u32,
}

/// A school holiday period (first and last day inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Holiday {
    /// The holiday's id.
    pub id: String,
    /// Its name ("October half term").
    pub name: String,
    /// The first day off.
    pub first_day: NaiveDate,
    /// The last day off.
    pub last_day: NaiveDate,
}

/// `POST /api/schools/{school_id}/holidays`: a new holiday period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewHoliday {
    /// Its name.
    pub name: String,
    /// The first day off.
    pub first_day: NaiveDate,
    /// The last day off.
    pub last_day: NaiveDate,
}
