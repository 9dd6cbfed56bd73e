//! One member's standing on one policy: its facts looked up once, then judged as at any day.

use attest_domain::status::{status, Held, StatusInput, StatusView};
use chrono::{Days, NaiveDate};

use super::{AttemptFacts, Facts, HeldFacts, MemberRow, PolicyFacts, VersionFacts, WorkFacts};

/// An attestation held: its version's seq and its record number in its school's chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldRef {
    /// The version's seq.
    pub seq: i64,
    /// The attestation's `seq` in its school's chain (its id is looked up where shown).
    pub record: i64,
}

/// One person's standing on one policy, as at a day.
#[derive(Debug, Clone)]
pub struct Cell<'a> {
    /// Index of the membership (see [`Facts::member`]).
    pub member: usize,
    /// Index into [`Facts::policies`].
    pub policy: usize,
    /// The version current that day.
    pub version: &'a VersionFacts,
    /// What the status rule was given.
    pub input: StatusInput,
    /// What the status rule says.
    pub view: StatusView,
    /// The latest attestation held that day.
    pub held: Option<HeldRef>,
    /// Work on the current version.
    pub work: AttemptFacts,
}

/// What a member's standing on a policy depends on, whatever the day.
#[derive(Debug, Clone, Copy)]
pub(super) struct Standing<'a> {
    member: usize,
    policy_idx: usize,
    row: &'a MemberRow,
    groups: &'a [u32],
    known_from: NaiveDate,
    policy: &'a PolicyFacts,
    held: &'a [HeldFacts],
    work: &'a [WorkFacts],
}

/// The status rule's input as at a day, with what it was made from.
struct Judged<'a> {
    version: &'a VersionFacts,
    input: StatusInput,
    held: Option<&'a HeldFacts>,
    work: AttemptFacts,
}

impl Facts {
    /// Looks up once what member `m`'s standing on policy `p` depends on (`None`: another school).
    pub(super) fn standing(&self, m: usize, p: usize) -> Option<Standing<'_>> {
        let row = self.members.get(m)?;
        let policy = self.policies.get(p)?;
        if policy.school != row.school {
            return None;
        }
        Some(Standing {
            member: m,
            policy_idx: p,
            row,
            groups: &self.member_groups[row.groups.0..row.groups.1],
            known_from: self.people[row.person].known_from,
            policy,
            held: self.held_of(row.person, p),
            work: self.work_of(row.person, p),
        })
    }
}

impl<'a> Standing<'a> {
    /// When a first completion is due, if the policy is assigned to the member by `day`.
    fn first_due(&self, day: NaiveDate) -> Option<NaiveDate> {
        // Two assigned groups: the shorter allowance wins.
        let (days, assigned_on) = self
            .policy
            .assignments
            .iter()
            .filter(|a| a.on <= day && self.groups.contains(&a.group))
            .map(|a| (a.days, a.on))
            .min()?;
        self.row
            .start_date
            .max(assigned_on)
            .checked_add_days(Days::new(days.unsigned_abs()))
    }

    fn judge(&self, day: NaiveDate) -> Option<Judged<'a>> {
        if self.known_from > day {
            return None;
        }
        let version = self.policy.version_at(day)?;
        let first_due = self.first_due(day)?;
        let held = self.held.iter().rfind(|h| h.on <= day);
        let work = self
            .work
            .iter()
            .find(|w| w.seq == version.seq)
            .map(|w| w.work)
            .unwrap_or_default();
        let before = |d: Option<NaiveDate>| d.is_some_and(|d| d <= day);
        let held_current = held.is_some_and(|h| i64::from(h.seq) == version.seq);
        let input = StatusInput {
            today: day,
            first_due,
            held: held.map(|h| Held {
                attested_on: h.on,
                superseded_on: self
                    .policy
                    .versions
                    .iter()
                    .find(|v| {
                        v.seq > i64::from(h.seq)
                            && v.requires_reattestation
                            && v.published_on <= day
                    })
                    .map(|v| v.published_on),
            }),
            review_period_months: version.review_period_months,
            grace_days: version.grace_days,
            passed_current: before(work.passed_on) && !held_current,
            started: before(work.started_on) || before(work.read_on),
            paused: self.row.pause,
        };
        Some(Judged {
            version,
            input,
            held,
            work,
        })
    }

    /// What the status rule says at the end of `day` (`None`: not assigned then).
    pub(super) fn view_on(&self, day: NaiveDate) -> Option<StatusView> {
        self.judge(day).map(|j| status(&j.input))
    }

    /// The cell at the end of `day` (`None`: not assigned then).
    pub(super) fn on(&self, day: NaiveDate) -> Option<Cell<'a>> {
        let j = self.judge(day)?;
        Some(Cell {
            member: self.member,
            policy: self.policy_idx,
            version: j.version,
            view: status(&j.input),
            input: j.input,
            held: j.held.map(|h| HeldRef {
                seq: i64::from(h.seq),
                record: i64::from(h.record),
            }),
            work: j.work,
        })
    }
}
