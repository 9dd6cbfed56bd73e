//! Everyone's standing on their assigned policies, gathered in bulk and judged by the one status rule.
//!
//! My training (one person), the dashboards, the matrix and the evidence report (whole
//! schools) all load [`Facts`] for a [`Scope`] in a fixed handful of queries and then call
//! [`attest_domain::status::status`] per cell, as at any day.

pub mod cache;
mod load;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use attest_domain::status::{status, Held, StatusInput, StatusView};
use chrono::{Days, NaiveDate};

pub use cache::{Standings, StandingsCache};
pub use load::load;

/// A fast, non-cryptographic hasher for the index maps (keys are our own small integers).
#[derive(Debug, Default, Clone, Copy)]
pub struct IndexHasher(u64);

impl Hasher for IndexHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<IndexHasher>>;

/// An attestation: the day signed, the version's seq, its id.
type HeldFacts = (NaiveDate, i64, String);

/// Whose standings to gather.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every member of these schools.
    Schools(&'a [String]),
    /// One person, at every school they belong to.
    Person(&'a str),
    /// Every school (the reminder sweep).
    Everyone,
}

/// A person's membership of a school: one row of the matrix.
#[derive(Debug, Clone)]
pub struct Member {
    /// Index of the person in [`Facts`] (a person at two schools is two members).
    pub person: usize,
    /// The person's id.
    pub person_id: String,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// The school.
    pub school_id: String,
    /// The school's name.
    pub school_name: String,
    /// Their start date there.
    pub start_date: NaiveDate,
    /// Their role there.
    pub role: String,
    /// Their groups there.
    pub groups: Vec<String>,
    /// The day the person was added to Attest.
    pub known_from: NaiveDate,
    /// False once they left the school.
    pub active: bool,
}

/// One published version.
#[derive(Debug, Clone)]
pub struct VersionFacts {
    /// Its id.
    pub id: String,
    /// Its number within the policy.
    pub seq: i64,
    /// Its label.
    pub label: String,
    /// The day it was published.
    pub published_on: NaiveDate,
    /// Whether holders of earlier versions had to re-attest.
    pub requires_reattestation: bool,
    /// Attestation validity in months.
    pub review_period_months: u32,
    /// Days allowed to re-attest.
    pub grace_days: u32,
    /// Lessons in its module.
    pub lesson_count: i64,
    /// SHA-256 of its text.
    pub text_sha256: String,
}

/// A policy with its versions (by seq) and assignments (group, new-starter days, day assigned).
#[derive(Debug, Clone)]
pub struct PolicyFacts {
    /// Its id.
    pub id: String,
    /// Its school.
    pub school_id: String,
    /// Its title.
    pub title: String,
    /// Versions, oldest first.
    pub versions: Vec<VersionFacts>,
    /// Assignments to groups.
    pub assignments: Vec<(String, i64, NaiveDate)>,
}

impl PolicyFacts {
    /// The version current at the end of `day`, if one was published by then.
    pub fn version_at(&self, day: NaiveDate) -> Option<&VersionFacts> {
        self.versions.iter().rfind(|v| v.published_on <= day)
    }
}

/// Work on one version: when first started and first passed, and lessons read.
#[derive(Debug, Clone, Copy, Default)]
pub struct AttemptFacts {
    /// The day of the first attempt.
    pub started_on: Option<NaiveDate>,
    /// The day of the first passed attempt.
    pub passed_on: Option<NaiveDate>,
    /// Lessons read.
    pub lessons_done: i64,
    /// When reading was last saved.
    pub read_on: Option<NaiveDate>,
}

/// Everything the status rule needs for a scope, indexed for fast look-up.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Memberships, in no particular order.
    pub members: Vec<Member>,
    /// Policies, by title.
    pub policies: Vec<PolicyFacts>,
    person_ids: HashMap<String, usize>,
    policy_ids: HashMap<String, usize>,
    version_ids: HashMap<String, (usize, i64)>,
    /// (person, policy) → attestations as (day, version seq, id), oldest first.
    held: FastMap<(usize, usize), Vec<HeldFacts>>,
    attempts: FastMap<(usize, usize, i64), AttemptFacts>,
}

/// One person's standing on one policy, as at a day.
#[derive(Debug, Clone)]
pub struct Cell<'a> {
    /// Index into [`Facts::members`].
    pub member: usize,
    /// Index into [`Facts::policies`].
    pub policy: usize,
    /// The version current that day.
    pub version: &'a VersionFacts,
    /// What the status rule was given.
    pub input: StatusInput,
    /// What the status rule says.
    pub view: StatusView,
    /// The latest attestation held that day: (version seq, attestation id).
    pub held: Option<(i64, &'a str)>,
    /// Work on the current version.
    pub work: AttemptFacts,
}

impl Facts {
    fn person_index(&mut self, id: &str) -> usize {
        let next = self.person_ids.len();
        *self.person_ids.entry(id.to_string()).or_insert(next)
    }

    /// A policy's index by id.
    pub fn policy_index(&self, id: &str) -> Option<usize> {
        self.policy_ids.get(id).copied()
    }

    /// When a member's first completion of a policy is due, if it is assigned to them by `day`.
    fn first_due(
        &self,
        member: &Member,
        policy: &PolicyFacts,
        day: NaiveDate,
    ) -> Option<NaiveDate> {
        // Two assigned groups: the shorter allowance wins.
        let (days, assigned_on) = policy
            .assignments
            .iter()
            .filter(|(group, _, on)| *on <= day && member.groups.contains(group))
            .map(|(_, days, on)| (*days, *on))
            .min()?;
        member
            .start_date
            .max(assigned_on)
            .checked_add_days(Days::new(days.unsigned_abs()))
    }

    /// The standing of one member on one policy at the end of `day` (`None`: not assigned then).
    pub fn cell(&self, member_idx: usize, policy_idx: usize, day: NaiveDate) -> Option<Cell<'_>> {
        let member = self.members.get(member_idx)?;
        let policy = self.policies.get(policy_idx)?;
        if policy.school_id != member.school_id || member.known_from > day {
            return None;
        }
        let version = policy.version_at(day)?;
        let first_due = self.first_due(member, policy, day)?;
        let held = self
            .held
            .get(&(member.person, policy_idx))
            .and_then(|list| list.iter().rfind(|(on, _, _)| *on <= day));
        let work = self
            .attempts
            .get(&(member.person, policy_idx, version.seq))
            .copied()
            .unwrap_or_default();
        let before = |d: Option<NaiveDate>| d.is_some_and(|d| d <= day);
        let held_current = held.is_some_and(|(_, seq, _)| *seq == version.seq);
        let input = StatusInput {
            today: day,
            first_due,
            held: held.map(|(on, seq, _)| Held {
                attested_on: *on,
                superseded_on: policy
                    .versions
                    .iter()
                    .find(|v| v.seq > *seq && v.requires_reattestation && v.published_on <= day)
                    .map(|v| v.published_on),
            }),
            review_period_months: version.review_period_months,
            grace_days: version.grace_days,
            passed_current: before(work.passed_on) && !held_current,
            started: before(work.started_on) || before(work.read_on),
        };
        let view = status(&input);
        Some(Cell {
            member: member_idx,
            policy: policy_idx,
            version,
            input,
            view,
            held: held.map(|(_, seq, id)| (*seq, id.as_str())),
            work,
        })
    }

    /// Every assigned (member, policy) cell at the end of `day`.
    pub fn cells(&self, day: NaiveDate) -> Vec<Cell<'_>> {
        let mut by_school: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, p) in self.policies.iter().enumerate() {
            by_school.entry(p.school_id.as_str()).or_default().push(i);
        }
        let mut out = Vec::new();
        for (m, member) in self.members.iter().enumerate() {
            for &p in by_school
                .get(member.school_id.as_str())
                .into_iter()
                .flatten()
            {
                out.extend(self.cell(m, p, day));
            }
        }
        out
    }
}
