//! The one status rule: where a person stands on an assigned policy, given a clock.
//!
//! My training, the dashboard, the reminder sweep and the evidence report all
//! call [`status`], so they can never disagree.

use chrono::{Days, Months, NaiveDate};

use crate::api::Status;

/// How many days before its deadline an attestation is "due soon".
pub const DUE_SOON_DAYS: u64 = 30;

/// The latest attestation a person holds for a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    /// The day it was signed (UTC).
    pub attested_on: NaiveDate,
    /// When a later version requiring re-attestation was published, if one was.
    pub superseded_on: Option<NaiveDate>,
}

/// Everything the rule needs, gathered by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusInput {
    /// Today (UTC), from the caller's clock.
    pub today: NaiveDate,
    /// When a first completion is due (start date plus the new-starter allowance).
    pub first_due: NaiveDate,
    /// The latest attestation of any version of the policy.
    pub held: Option<Held>,
    /// How long an attestation lasts, in months.
    pub review_period_months: u32,
    /// Days allowed to re-attest after a version that requires it.
    pub grace_days: u32,
    /// Whether a quiz on the current version has been passed but not yet attested.
    pub passed_current: bool,
    /// Whether any lesson has been read or quiz tried on the current version.
    pub started: bool,
    /// A pause of the person's training the school recorded, if any.
    pub paused: Option<Pause>,
}

/// A period (both days included) in which a school paused someone's training, with a
/// reason it keeps (maternity leave, long illness): nothing falls due in it, and a
/// deadline on or after its first day moves on by its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    /// The first day paused.
    pub from: NaiveDate,
    /// The last day paused.
    pub until: NaiveDate,
}

impl Pause {
    /// Its length in days (at least one).
    pub fn days(&self) -> u64 {
        ((self.until - self.from).num_days() + 1)
            .max(1)
            .unsigned_abs()
    }

    /// Whether `day` falls in it.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.until
    }
}

/// The rule's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusView {
    /// Where the person stands.
    pub status: Status,
    /// The last day to complete (or renew) it.
    pub due: NaiveDate,
    /// The last day the held attestation is valid, if one is held.
    pub expires: Option<NaiveDate>,
}

/// The last day an attestation signed on `attested_on` is valid.
pub fn expiry(attested_on: NaiveDate, review_period_months: u32) -> NaiveDate {
    attested_on
        .checked_add_months(Months::new(review_period_months))
        .unwrap_or(NaiveDate::MAX)
}

fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// Where a person stands: overdue past the deadline, due soon in its last 30 days; paused
/// while the school has paused them, with the deadline moved on by the pause.
pub fn status(input: &StatusInput) -> StatusView {
    labelled(input, judged(input))
}

/// Marks the view paused when the pause covers today (the deadline is already moved).
fn labelled(input: &StatusInput, view: StatusView) -> StatusView {
    match input.paused {
        Some(pause) if pause.covers(input.today) => StatusView {
            status: Status::Paused,
            ..view
        },
        _ => view,
    }
}

/// The rule with the pause's move of the deadline, without the "paused" label.
fn judged(input: &StatusInput) -> StatusView {
    let plain = unpaused(input);
    match input.paused {
        // A deadline before the pause began is not excused by it.
        Some(pause) if plain.due >= pause.from => {
            shifted(input, plain, add_days(plain.due, pause.days()), unpaused)
        }
        _ => plain,
    }
}

/// Every comparison the rule makes is "today against the deadline", so a deadline
/// moved on to `moved` is the same as asking `rule` as many days earlier.
fn shifted(
    input: &StatusInput,
    view: StatusView,
    moved: NaiveDate,
    rule: fn(&StatusInput) -> StatusView,
) -> StatusView {
    let later = (moved - view.due).num_days();
    if later <= 0 {
        return view;
    }
    let earlier = StatusInput {
        today: input
            .today
            .checked_sub_days(Days::new(later.unsigned_abs()))
            .unwrap_or(NaiveDate::MIN),
        ..*input
    };
    StatusView {
        due: moved,
        ..rule(&earlier)
    }
}

fn unpaused(input: &StatusInput) -> StatusView {
    let Some(held) = input.held else {
        let status = if input.today > input.first_due {
            Status::Overdue
        } else if input.passed_current {
            Status::Passed
        } else if input.started {
            Status::InProgress
        } else {
            Status::NotStarted
        };
        return StatusView {
            status,
            due: input.first_due,
            expires: None,
        };
    };
    let expires = expiry(held.attested_on, input.review_period_months);
    let reattest_by = held
        .superseded_on
        .map(|published| add_days(published, u64::from(input.grace_days)));
    let due = reattest_by.map_or(expires, |by| by.min(expires));
    let status = if input.today > due {
        Status::Overdue
    } else if reattest_by.is_some() {
        // A new version needs signing: due now, whatever the old attestation's expiry.
        if input.passed_current {
            Status::Passed
        } else {
            Status::DueSoon
        }
    } else if input.today >= due - Days::new(DUE_SOON_DAYS) {
        Status::DueSoon
    } else {
        Status::Attested
    };
    StatusView {
        status,
        due,
        expires: Some(expires),
    }
}

/// The rule with the deadline moved by `move_deadline` (a school's holidays move a
/// deadline that falls in them to the first day back); the status follows the moved date.
pub fn status_with_moved_deadline(
    input: &StatusInput,
    move_deadline: impl Fn(NaiveDate) -> NaiveDate,
) -> StatusView {
    let view = judged(input);
    let moved = move_deadline(view.due);
    labelled(input, shifted(input, view, moved, judged))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn input(today: &str) -> StatusInput {
        StatusInput {
            today: d(today),
            first_due: d("2026-09-15"),
            held: None,
            review_period_months: 12,
            grace_days: 30,
            passed_current: false,
            started: false,
            paused: None,
        }
    }

    #[test]
    fn a_new_starter_is_not_started_then_overdue_the_day_after_the_due_date() {
        assert_eq!(status(&input("2026-09-15")).status, Status::NotStarted);
        assert_eq!(status(&input("2026-09-16")).status, Status::Overdue);
    }

    #[test]
    fn progress_shows_before_the_due_date() {
        let mut i = input("2026-09-10");
        i.started = true;
        assert_eq!(status(&i).status, Status::InProgress);
        i.passed_current = true;
        assert_eq!(status(&i).status, Status::Passed);
    }

    #[test]
    fn an_attestation_lasts_the_review_period_with_30_days_due_soon() {
        let mut i = input("2026-08-01");
        i.held = Some(Held {
            attested_on: d("2026-01-10"),
            superseded_on: None,
        });
        let v = status(&i);
        assert_eq!(
            (v.status, v.expires),
            (Status::Attested, Some(d("2027-01-10")))
        );
        i.today = d("2026-12-10");
        assert_eq!(status(&i).status, Status::Attested);
        i.today = d("2026-12-11");
        assert_eq!(status(&i).status, Status::DueSoon);
        i.today = d("2027-01-10");
        assert_eq!(status(&i).status, Status::DueSoon);
        i.today = d("2027-01-11");
        assert_eq!(status(&i).status, Status::Overdue);
    }

    #[test]
    fn a_version_requiring_reattestation_makes_it_due_with_a_grace_period() {
        let mut i = input("2026-03-01");
        i.held = Some(Held {
            attested_on: d("2026-01-10"),
            superseded_on: Some(d("2026-02-20")),
        });
        let v = status(&i);
        assert_eq!((v.status, v.due), (Status::DueSoon, d("2026-03-22")));
        i.today = d("2026-03-23");
        assert_eq!(status(&i).status, Status::Overdue);
    }

    #[test]
    fn a_deadline_moved_past_a_holiday_is_not_overdue_until_the_day_after_the_new_one() {
        let holiday = |d0: NaiveDate| {
            if d0 == d("2026-09-15") {
                d("2026-09-21")
            } else {
                d0
            }
        };
        let v = status_with_moved_deadline(&input("2026-09-18"), holiday);
        assert_eq!((v.status, v.due), (Status::NotStarted, d("2026-09-21")));
        let v = status_with_moved_deadline(&input("2026-09-22"), holiday);
        assert_eq!(v.status, Status::Overdue);
        let unmoved = status_with_moved_deadline(&input("2026-09-16"), |d0| d0);
        assert_eq!(unmoved, status(&input("2026-09-16")));
    }

    fn paused(from: &str, until: &str) -> Option<Pause> {
        Some(Pause {
            from: d(from),
            until: d(until),
        })
    }

    #[test]
    fn a_paused_person_is_paused_and_their_deadline_moves_on_by_the_pause() {
        // Due 15 September; paused 1–30 September (30 days): due 15 October.
        let mut i = input("2026-09-20");
        i.paused = paused("2026-09-01", "2026-09-30");
        let view = status(&i);
        assert_eq!(view.status, Status::Paused);
        assert_eq!(view.due, d("2026-10-15"));
        i.today = d("2026-10-15");
        assert_eq!(status(&i).status, Status::NotStarted);
        i.today = d("2026-10-16");
        assert_eq!(status(&i).status, Status::Overdue);
    }

    #[test]
    fn a_deadline_missed_before_the_pause_began_stays_missed() {
        let mut i = input("2026-10-20");
        i.paused = paused("2026-10-01", "2026-10-31");
        let view = status(&i);
        assert_eq!(view.due, d("2026-09-15"));
        assert_eq!(view.status, Status::Paused, "shown paused while it lasts");
        i.today = d("2026-11-01");
        assert_eq!(status(&i).status, Status::Overdue);
    }

    #[test]
    fn an_attestation_expiring_during_a_pause_is_renewed_by_the_moved_date() {
        let mut i = input("2026-12-01");
        i.held = Some(Held {
            attested_on: d("2025-12-10"),
            superseded_on: None,
        });
        // Expires 10 December 2026; a 10-day pause from 5 December moves it to the 20th.
        i.paused = paused("2026-12-05", "2026-12-14");
        assert_eq!(status(&i).due, d("2026-12-20"));
        assert_eq!(status(&i).status, Status::DueSoon);
        i.today = d("2026-12-16");
        assert_eq!(status(&i).status, Status::DueSoon);
        i.today = d("2026-12-21");
        assert_eq!(status(&i).status, Status::Overdue);
    }

    #[test]
    fn holidays_move_a_paused_deadline_again_and_the_label_follows_today() {
        let mut i = input("2026-10-14");
        i.paused = paused("2026-09-01", "2026-09-30");
        // The moved deadline (15 October) falls in a half-term ending on the 25th.
        let half_term = |due: NaiveDate| {
            if due >= d("2026-10-12") && due <= d("2026-10-25") {
                d("2026-10-26")
            } else {
                due
            }
        };
        let view = status_with_moved_deadline(&i, half_term);
        assert_eq!(view.due, d("2026-10-26"));
        assert_eq!(view.status, Status::NotStarted);
        i.today = d("2026-09-10");
        assert_eq!(
            status_with_moved_deadline(&i, half_term).status,
            Status::Paused
        );
    }
}
