//! Which reminder a person is due, from the status rule's answer and the day.

use attest_domain::api::Status;
use attest_domain::status::StatusView;
use chrono::{Datelike, Days, NaiveDate};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a mail is sent; stored by name in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// First assignment: a policy to complete, with its deadline.
    NewStarter,
    /// A new version that requires re-attestation.
    NewVersion,
    /// The deadline is 30 days or less away.
    Due30,
    /// The deadline is 7 days or less away.
    Due7,
    /// The deadline is tomorrow or today.
    Due1,
    /// Past the deadline: weekly while it lasts.
    Overdue,
    /// A manager's digest of their people overdue for a while.
    Escalation,
    /// A manager: a policy's own review date is 60 days away.
    Review60,
    /// A manager: a policy's own review date is 30 days away.
    Review30,
    /// A manager pressed "remind now".
    Manual,
    /// "Email me a sign-in link".
    SignInLink,
    /// "I forgot my password".
    PasswordReset,
    /// A school asks someone who works at another school to join it.
    Invitation,
}

impl Stage {
    /// Every stage, for parsing.
    pub const ALL: [Stage; 13] = [
        Stage::NewStarter,
        Stage::NewVersion,
        Stage::Due30,
        Stage::Due7,
        Stage::Due1,
        Stage::Overdue,
        Stage::Escalation,
        Stage::Review60,
        Stage::Review30,
        Stage::Manual,
        Stage::SignInLink,
        Stage::PasswordReset,
        Stage::Invitation,
    ];

    /// The name stored in the outbox.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::NewStarter => "new_starter",
            Stage::NewVersion => "new_version",
            Stage::Due30 => "due_30",
            Stage::Due7 => "due_7",
            Stage::Due1 => "due_1",
            Stage::Overdue => "overdue",
            Stage::Escalation => "escalation",
            Stage::Review60 => "review_60",
            Stage::Review30 => "review_30",
            Stage::Manual => "manual",
            Stage::SignInLink => "sign_in_link",
            Stage::PasswordReset => "password_reset",
            Stage::Invitation => "invitation",
        }
    }

    /// Reads a stored stage name.
    pub fn parse(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether it is a staff member's own reminder about policies to complete.
    pub fn is_staff(self) -> bool {
        matches!(
            self,
            Stage::NewStarter
                | Stage::NewVersion
                | Stage::Due30
                | Stage::Due7
                | Stage::Due1
                | Stage::Overdue
        )
    }

    /// How pressing a staff stage is: a reminder listing several policies goes out under
    /// its most pressing one.
    pub fn urgency(self) -> u8 {
        match self {
            Stage::Overdue => 5,
            Stage::Due1 => 4,
            Stage::Due7 => 3,
            Stage::Due30 => 2,
            Stage::NewVersion => 1,
            _ => 0,
        }
    }

    /// Whether it is a school reminder (held back in holidays) rather than account mail.
    pub fn is_school_mail(self) -> bool {
        !matches!(self, Stage::SignInLink | Stage::PasswordReset)
    }
}

impl Serialize for Stage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Stage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Stage::parse(&name).ok_or_else(|| D::Error::custom(format!("unknown stage {name}")))
    }
}

/// A staff reminder the sweep should make sure exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffStage {
    /// The stage.
    pub stage: Stage,
    /// What makes it happen again: the deadline, plus the week for overdue reminders.
    pub occasion: String,
}

/// The reminder a person is due on a policy today, if any.
///
/// The first notice of a deadline depends on how it came about (a first assignment,
/// a new version, or an attestation running out); then 7 days and 1 day before;
/// then weekly while overdue. Each is keyed by the deadline, so a renewed
/// attestation starts a fresh cycle and a rerun on the same day adds nothing.
pub fn staff_stage(
    view: &StatusView,
    has_held: bool,
    reattesting: bool,
    today: NaiveDate,
) -> Option<StaffStage> {
    let due = view.due;
    let days_left = (due - today).num_days();
    let first = if !has_held {
        Some(Stage::NewStarter)
    } else if reattesting {
        Some(Stage::NewVersion)
    } else if view.status == Status::DueSoon {
        Some(Stage::Due30)
    } else {
        None
    };
    let stage = match view.status {
        // A paused person is left alone until the pause ends.
        Status::Attested | Status::Paused => return None,
        Status::Overdue => {
            let week = (-days_left - 1).max(0) / 7;
            return Some(StaffStage {
                stage: Stage::Overdue,
                occasion: format!("{due}/w{week}"),
            });
        }
        _ if days_left <= 1 => Stage::Due1,
        _ if days_left <= 7 => Stage::Due7,
        _ => first?,
    };
    Some(StaffStage {
        stage,
        occasion: due.to_string(),
    })
}

/// Whether a person overdue since `due` belongs in their managers' digest today.
pub fn escalates(view: &StatusView, today: NaiveDate, after_days: u32) -> bool {
    view.status == Status::Overdue && (today - view.due).num_days() >= i64::from(after_days)
}

/// The digest's occasion: the Monday of today's week, so a manager gets one a week.
pub fn digest_week(today: NaiveDate) -> String {
    let monday = today
        .checked_sub_days(Days::new(u64::from(today.weekday().num_days_from_monday())))
        .unwrap_or(today);
    monday.to_string()
}

/// The policy-review reminder managers are due for a review date, if any.
pub fn review_stage(next_review: NaiveDate, today: NaiveDate) -> Option<Stage> {
    match (next_review - today).num_days() {
        31..=60 => Some(Stage::Review60),
        0..=30 => Some(Stage::Review30),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn view(status: Status, due: &str) -> StatusView {
        StatusView {
            status,
            due: d(due),
            expires: None,
        }
    }

    #[test]
    fn a_renewal_counts_down_30_7_1_then_weekly_overdue() {
        let at = |today: &str, status| {
            staff_stage(&view(status, "2027-01-10"), true, false, d(today)).map(|s| s.stage)
        };
        assert_eq!(at("2026-11-01", Status::Attested), None);
        assert_eq!(
            at("2027-01-09", Status::Paused),
            None,
            "paused: no reminder"
        );
        assert_eq!(at("2026-12-11", Status::DueSoon), Some(Stage::Due30));
        assert_eq!(at("2027-01-03", Status::DueSoon), Some(Stage::Due7));
        assert_eq!(at("2027-01-09", Status::DueSoon), Some(Stage::Due1));
        assert_eq!(at("2027-01-11", Status::Overdue), Some(Stage::Overdue));
        let week = |today: &str| {
            staff_stage(&view(Status::Overdue, "2027-01-10"), true, false, d(today))
                .unwrap()
                .occasion
        };
        assert_eq!(week("2027-01-11"), week("2027-01-17"));
        assert_ne!(week("2027-01-17"), week("2027-01-18"));
    }

    #[test]
    fn a_first_assignment_and_a_new_version_have_their_own_first_notice() {
        let first = staff_stage(
            &view(Status::NotStarted, "2026-09-15"),
            false,
            false,
            d("2026-09-01"),
        );
        assert_eq!(first.unwrap().stage, Stage::NewStarter);
        let new = staff_stage(
            &view(Status::DueSoon, "2026-10-01"),
            true,
            true,
            d("2026-09-01"),
        );
        assert_eq!(new.unwrap().stage, Stage::NewVersion);
    }

    #[test]
    fn reviews_are_reminded_60_and_30_days_ahead() {
        assert_eq!(review_stage(d("2026-12-01"), d("2026-09-01")), None);
        assert_eq!(
            review_stage(d("2026-10-20"), d("2026-09-01")),
            Some(Stage::Review60)
        );
        assert_eq!(
            review_stage(d("2026-09-20"), d("2026-09-01")),
            Some(Stage::Review30)
        );
        assert_eq!(review_stage(d("2026-08-20"), d("2026-09-01")), None);
    }

    #[test]
    fn digests_are_weekly() {
        assert_eq!(digest_week(d("2026-09-02")), "2026-08-31");
        assert_eq!(digest_week(d("2026-09-06")), "2026-08-31");
        assert_eq!(Stage::parse("due_7"), Some(Stage::Due7));
    }
}
