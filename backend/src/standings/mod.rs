//! Everyone's standing on their assigned policies, gathered in bulk and judged by the one status rule.
//!
//! My training (one person), the dashboards, the matrix and the evidence report (whole
//! schools) all load [`Facts`] for a [`Scope`] in a fixed handful of queries and then call
//! [`attest_domain::status::status`] per cell, as at any day.
//!
//! Facts are compact so that a trust of 100,000 people fits in tens of MB: people's ids,
//! names and emails share one text buffer, schools, groups and roles are interned, and
//! each attestation is kept as (policy, day, version, chain record) — its id is looked
//! up only where a page shows it. Cells are judged on demand, never all kept at once.

mod build;
pub mod cache;
mod catch_up;
mod cell;
mod fields;
mod held;
mod line;
mod load;
pub mod views;

use attest_domain::status::Pause;
use chrono::NaiveDate;

pub use cache::{Standings, StandingsCache};
pub use catch_up::{prune_log, LOG_KEPT};
pub use cell::{Cell, HeldRef};
pub use load::load;

/// Facts made up at random, for tests of what is built from them.
#[cfg(test)]
pub(crate) use line::tests::generated;

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

/// A school in scope.
#[derive(Debug, Clone)]
pub struct SchoolFacts {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
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

/// A policy with its versions (by seq) and assignments to groups.
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
    /// Index of its school in [`Facts::schools`].
    school: usize,
    assignments: Vec<Assignment>,
}

/// A policy assigned to a group: (group label, new-starter days, day assigned).
#[derive(Debug, Clone, Copy)]
struct Assignment {
    group: u32,
    days: i64,
    on: NaiveDate,
}

impl PolicyFacts {
    /// The version current at the end of `day`, if one was published by then.
    pub fn version_at(&self, day: NaiveDate) -> Option<&VersionFacts> {
        self.versions.iter().rfind(|v| v.published_on <= day)
    }
}

/// Work on one version: when first started and first passed, and lessons read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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

/// A person: spans of [`Facts`]'s text, and the day they were added to Attest.
#[derive(Debug, Clone, Copy)]
struct PersonRow {
    start: usize,
    id_end: usize,
    name_end: usize,
    email_end: usize,
    known_from: NaiveDate,
}

/// A membership: indexes into the people, schools and labels, and its groups' span.
#[derive(Debug, Clone, Copy)]
struct MemberRow {
    person: usize,
    school: usize,
    role: u32,
    groups: (usize, usize),
    start_date: NaiveDate,
    active: bool,
    pause: Option<Pause>,
}

/// An attestation: its policy, the day signed, the version's seq and its school-chain record.
///
/// 16 bytes: a trust of 100,000 people holds over half a million of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct HeldFacts {
    policy: u32,
    on: NaiveDate,
    seq: u32,
    record: u32,
}

/// Work on one version of a policy.
#[derive(Debug, Clone, Copy)]
struct WorkFacts {
    policy: u32,
    seq: i64,
    work: AttemptFacts,
}

/// Everything the status rule needs for a scope, indexed for fast look-up.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Schools in scope.
    pub schools: Vec<SchoolFacts>,
    /// Policies, by title.
    pub policies: Vec<PolicyFacts>,
    /// Per school, its policies' indexes (ascending).
    school_policies: Vec<Vec<usize>>,
    people: Vec<PersonRow>,
    /// People's ids, names and emails, end to end.
    text: String,
    members: Vec<MemberRow>,
    /// Members' groups (labels, each member's sorted by name), end to end.
    member_groups: Vec<u32>,
    /// Group and role names.
    labels: Vec<String>,
    /// Attestations, each person's together, by policy and day.
    held: held::HeldRuns,
    /// Work by person (see `work_start`), then policy and version.
    work: Vec<WorkFacts>,
    work_start: Vec<usize>,
}

/// A person's membership of a school (a person at two schools is two members), borrowed from [`Facts`].
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    /// Index of the person in [`Facts`].
    pub person: usize,
    /// The person's id.
    pub person_id: &'a str,
    /// Their name.
    pub name: &'a str,
    /// Their email.
    pub email: &'a str,
    /// Index of the school in [`Facts::schools`].
    pub school: usize,
    /// The school.
    pub school_id: &'a str,
    /// The school's name.
    pub school_name: &'a str,
    /// Their start date there.
    pub start_date: NaiveDate,
    /// Their role there.
    pub role: &'a str,
    /// The day the person was added to Attest.
    pub known_from: NaiveDate,
    /// False once they left the school.
    pub active: bool,
    /// The pause of their training the school recorded, if any.
    pub pause: Option<Pause>,
    /// Their groups there, as labels of [`Facts::label`], sorted by name.
    pub group_labels: &'a [u32],
    labels: &'a [String],
}

impl<'a> Member<'a> {
    /// Their groups there, sorted.
    pub fn groups(&self) -> impl Iterator<Item = &'a str> + 'a {
        let labels = self.labels;
        self.group_labels
            .iter()
            .map(move |&g| labels.get(g as usize).map_or("", String::as_str))
    }

    /// Their groups there as owned names.
    pub fn group_names(&self) -> Vec<String> {
        self.groups().map(str::to_string).collect()
    }

    /// Whether they are in the named group there.
    pub fn in_group(&self, name: &str) -> bool {
        self.groups().any(|g| g == name)
    }
}

impl Facts {
    /// The same schools, people and policies, with no attestations or work.
    fn without_history(&self) -> Facts {
        Facts {
            schools: self.schools.clone(),
            policies: self.policies.clone(),
            school_policies: self.school_policies.clone(),
            people: self.people.clone(),
            text: self.text.clone(),
            members: self.members.clone(),
            member_groups: self.member_groups.clone(),
            labels: self.labels.clone(),
            held: held::HeldRuns::default(),
            work: Vec::new(),
            work_start: Vec::new(),
        }
    }

    /// Every person's id.
    fn person_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.people
            .iter()
            .map(|row| &self.text[row.start..row.id_end])
    }

    /// How many memberships were loaded.
    pub fn member_count(&self) -> usize {
        self.members.len()
    }

    /// Membership `m` (an index below [`Facts::member_count`]).
    pub fn member(&self, m: usize) -> Member<'_> {
        let row = &self.members[m];
        let person = &self.people[row.person];
        let school = &self.schools[row.school];
        Member {
            person: row.person,
            person_id: &self.text[person.start..person.id_end],
            name: &self.text[person.id_end..person.name_end],
            email: &self.text[person.name_end..person.email_end],
            school: row.school,
            school_id: &school.id,
            school_name: &school.name,
            start_date: row.start_date,
            role: self.label(row.role),
            known_from: person.known_from,
            active: row.active,
            pause: row.pause,
            group_labels: &self.member_groups[row.groups.0..row.groups.1],
            labels: &self.labels,
        }
    }

    /// Every membership, in load order.
    pub fn members(&self) -> impl ExactSizeIterator<Item = Member<'_>> + '_ {
        (0..self.members.len()).map(|m| self.member(m))
    }

    /// Group and role names, by label.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// A group or role name by label.
    pub fn label(&self, label: u32) -> &str {
        self.labels.get(label as usize).map_or("", String::as_str)
    }

    /// The policies of membership `m`'s school (ascending indexes).
    pub fn policies_of(&self, m: usize) -> &[usize] {
        self.members
            .get(m)
            .and_then(|row| self.school_policies.get(row.school))
            .map_or(&[], Vec::as_slice)
    }

    /// A person's attestations of a policy, oldest first.
    fn held_of(&self, person: usize, policy: usize) -> &[HeldFacts] {
        let all = self.held.of(person);
        let from = all.partition_point(|h| (h.policy as usize) < policy);
        let to = all.partition_point(|h| (h.policy as usize) <= policy);
        &all[from..to]
    }

    /// A person's work on a policy's versions.
    fn work_of(&self, person: usize, policy: usize) -> &[WorkFacts] {
        let all = &self.work[self.work_start[person]..self.work_start[person + 1]];
        let from = all.partition_point(|w| (w.policy as usize) < policy);
        let to = all.partition_point(|w| (w.policy as usize) <= policy);
        &all[from..to]
    }

    /// The standing of one member on one policy at the end of `day` (`None`: not assigned then).
    pub fn cell(&self, member: usize, policy: usize, day: NaiveDate) -> Option<Cell<'_>> {
        self.standing(member, policy)?.on(day)
    }

    /// Every assigned (member, policy) cell at the end of `day`, member by member.
    pub fn cells(&self, day: NaiveDate) -> impl Iterator<Item = Cell<'_>> + '_ {
        (0..self.members.len()).flat_map(move |m| {
            self.policies_of(m)
                .iter()
                .filter_map(move |&p| self.cell(m, p, day))
        })
    }
}
