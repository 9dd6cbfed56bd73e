//! Assembles [`Facts`] from loaded rows: interns ids and names, then indexes history by person.

mod again;

pub(super) use again::{Logged, Over};

use attest_domain::status::Pause;
use chrono::NaiveDate;
// foldhash, not SipHash: every history row looks its person and version up by id, and the
// trust's load is mostly those look-ups. Its seed is still random per process.
use foldhash::HashMap;

use super::held::HeldRuns;
use super::{
    Assignment, AttemptFacts, Facts, HeldFacts, MemberRow, PersonRow, PolicyFacts, SchoolFacts,
    VersionFacts, WorkFacts,
};

fn earliest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A membership row as loaded.
#[derive(Debug, Clone, Copy)]
pub(super) struct NewMember<'r> {
    pub person_id: &'r str,
    pub name: &'r str,
    pub email: &'r str,
    pub known_from: NaiveDate,
    pub school_id: &'r str,
    pub start_date: NaiveDate,
    pub role: &'r str,
    pub active: bool,
    pub pause: Option<Pause>,
}

/// Facts under construction, with the id look-ups that only loading needs.
#[derive(Debug, Default)]
pub(super) struct Builder {
    facts: Facts,
    person_ids: HashMap<String, usize>,
    school_ids: HashMap<String, usize>,
    label_ids: HashMap<String, u32>,
    member_ids: HashMap<(usize, usize), usize>,
    policy_ids: HashMap<String, usize>,
    /// Version id → (policy, seq).
    version_ids: HashMap<String, (u32, i64)>,
    groups: Vec<(usize, u32)>,
    held: HeldRuns,
    work: HashMap<Key, AttemptFacts>,
}

impl Builder {
    fn label(&mut self, name: &str) -> u32 {
        if let Some(&l) = self.label_ids.get(name) {
            return l;
        }
        let l = u32::try_from(self.facts.labels.len()).unwrap_or(u32::MAX);
        self.facts.labels.push(name.to_string());
        self.label_ids.insert(name.to_string(), l);
        l
    }

    /// A school in scope.
    pub fn school(&mut self, id: &str, name: &str) {
        if self.school_ids.contains_key(id) {
            return;
        }
        self.school_ids
            .insert(id.to_string(), self.facts.schools.len());
        self.facts.schools.push(SchoolFacts {
            id: id.to_string(),
            name: name.to_string(),
        });
        self.facts.school_policies.push(Vec::new());
    }

    /// A membership (of a school already added; others are skipped).
    pub fn member(&mut self, m: NewMember<'_>) {
        let Some(&school) = self.school_ids.get(m.school_id) else {
            return;
        };
        let person = match self.person_ids.get(m.person_id) {
            Some(&p) => p,
            None => {
                let text = &mut self.facts.text;
                let start = text.len();
                text.push_str(m.person_id);
                let id_end = text.len();
                text.push_str(m.name);
                let name_end = text.len();
                text.push_str(m.email);
                self.facts.people.push(PersonRow {
                    start,
                    id_end,
                    name_end,
                    email_end: text.len(),
                    known_from: m.known_from,
                });
                let p = self.facts.people.len() - 1;
                self.person_ids.insert(m.person_id.to_string(), p);
                p
            }
        };
        let role = self.label(m.role);
        self.member_ids
            .insert((person, school), self.facts.members.len());
        self.facts.members.push(MemberRow {
            person,
            school,
            role,
            groups: (0, 0),
            start_date: m.start_date,
            active: m.active,
            pause: m.pause,
        });
    }

    /// A member's group (skipped unless the membership was loaded).
    pub fn group(&mut self, person_id: &str, school_id: &str, group: &str) {
        let (Some(&person), Some(&school)) = (
            self.person_ids.get(person_id),
            self.school_ids.get(school_id),
        ) else {
            return;
        };
        if let Some(&m) = self.member_ids.get(&(person, school)) {
            let label = self.label(group);
            self.groups.push((m, label));
        }
    }

    /// A policy of a school in scope.
    pub fn policy(&mut self, id: &str, school_id: &str, title: &str) {
        let Some(&school) = self.school_ids.get(school_id) else {
            return;
        };
        let p = self.facts.policies.len();
        self.policy_ids.insert(id.to_string(), p);
        self.facts.school_policies[school].push(p);
        self.facts.policies.push(PolicyFacts {
            id: id.to_string(),
            school_id: school_id.to_string(),
            title: title.to_string(),
            versions: Vec::new(),
            school,
            assignments: Vec::new(),
        });
    }

    /// A version of a loaded policy; versions come oldest first.
    pub fn version(&mut self, policy_id: &str, version: VersionFacts) {
        let Some(&p) = self.policy_ids.get(policy_id) else {
            return;
        };
        let policy = u32::try_from(p).unwrap_or(u32::MAX);
        self.version_ids
            .insert(version.id.clone(), (policy, version.seq));
        self.facts.policies[p].versions.push(version);
    }

    /// A policy's assignment to a group.
    pub fn assignment(&mut self, policy_id: &str, group: &str, days: i64, on: NaiveDate) {
        let Some(&p) = self.policy_ids.get(policy_id) else {
            return;
        };
        let group = self.label(group);
        self.facts.policies[p].assignments.push(Assignment {
            group,
            days: days.max(0),
            on,
        });
    }

    /// A person's key for a version in scope.
    fn person_version(&self, person_id: &str, version_id: &str) -> Option<Key> {
        let person = *self.person_ids.get(person_id)?;
        let &(policy, seq) = self.version_ids.get(version_id)?;
        Some((person, policy, seq))
    }

    /// An attestation: signed on `on`, record `record` of its school's chain.
    pub fn held(&mut self, person_id: &str, version_id: &str, on: NaiveDate, record: i64) {
        if let Some(key) = self.person_version(person_id, version_id) {
            self.held_by(key, on, record);
        }
    }

    /// [`Builder::held`] by key.
    fn held_by(&mut self, key: Key, on: NaiveDate, record: i64) {
        let people = self.facts.people.len();
        self.held.push(key.0, people, new_held(key, on, record));
    }

    /// Whether the person attested that version of the policy (at any time).
    fn attested(&self, (person, policy, seq): Key) -> bool {
        self.held
            .of(person)
            .iter()
            .any(|h| h.policy == policy && i64::from(h.seq) == seq)
    }

    /// Whether an attempt would count: a member's, on a known version they have not attested.
    pub fn wants_attempt(&self, person_id: &str, version_id: &str) -> bool {
        self.person_version(person_id, version_id)
            .is_some_and(|k| !self.attested(k))
    }

    /// A quiz attempt on a version not attested: the day started and, if it passed, the day submitted.
    pub fn attempt(
        &mut self,
        person_id: &str,
        version_id: &str,
        started: NaiveDate,
        passed: Option<NaiveDate>,
    ) {
        if let Some(key) = self.person_version(person_id, version_id) {
            self.attempt_by(key, started, passed);
        }
    }

    /// [`Builder::attempt`] by key.
    fn attempt_by(&mut self, key: Key, started: NaiveDate, passed: Option<NaiveDate>) {
        if !self.attested(key) {
            let entry = self.work.entry(key).or_default();
            entry.started_on = earliest(entry.started_on, Some(started));
            entry.passed_on = earliest(entry.passed_on, passed);
        }
    }

    /// Lessons read on a version, last saved on `on` (skipped once attested, unless `keep_attested`).
    pub fn progress(
        &mut self,
        person_id: &str,
        version_id: &str,
        done: i64,
        on: NaiveDate,
        keep_attested: bool,
    ) {
        if let Some(key) = self.person_version(person_id, version_id) {
            self.progress_by(key, done, on, keep_attested);
        }
    }

    /// [`Builder::progress`] by key.
    fn progress_by(&mut self, key: Key, done: i64, on: NaiveDate, keep_attested: bool) {
        if keep_attested || !self.attested(key) {
            let entry = self.work.entry(key).or_default();
            entry.lessons_done = done;
            entry.read_on = Some(on);
        }
    }

    /// Indexes groups and history by member and person.
    pub fn finish(self) -> Facts {
        let Builder {
            mut facts,
            mut groups,
            mut held,
            work,
            ..
        } = self;
        let labels = &facts.labels;
        groups.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| labels[a.1 as usize].cmp(&labels[b.1 as usize]))
        });
        groups.dedup();
        let mut at = 0;
        for (m, row) in facts.members.iter_mut().enumerate() {
            let start = at;
            while groups.get(at).is_some_and(|g| g.0 == m) {
                at += 1;
            }
            row.groups = (start, at);
        }
        facts.member_groups = groups.into_iter().map(|(_, g)| g).collect();

        let people = facts.people.len();
        held.finish(people);
        facts.held = held;

        let work = sorted_work(work);
        facts.work_start = starts(people, work.iter().map(|w| w.0));
        facts.work = work.into_iter().map(|(_, w)| w).collect();
        // Facts may be kept (cached) for long: give back what building over-allocated.
        facts.text.shrink_to_fit();
        facts.people.shrink_to_fit();
        facts.members.shrink_to_fit();
        facts.member_groups.shrink_to_fit();
        facts.work.shrink_to_fit();
        facts
    }
}

/// A person's history of one version: (person, policy, version seq).
type Key = (usize, u32, i64);

/// An attestation as kept.
fn new_held((_, policy, seq): Key, on: NaiveDate, record: i64) -> HeldFacts {
    HeldFacts {
        policy,
        on,
        seq: u32::try_from(seq).unwrap_or(u32::MAX),
        record: u32::try_from(record).unwrap_or(u32::MAX),
    }
}

/// Work by person, then policy and version.
fn sorted_work(work: HashMap<Key, AttemptFacts>) -> Vec<(usize, WorkFacts)> {
    let mut work: Vec<(usize, WorkFacts)> = work
        .into_iter()
        .map(|((person, policy, seq), work)| (person, WorkFacts { policy, seq, work }))
        .collect();
    work.sort_unstable_by_key(|(person, w)| (*person, w.policy, w.seq));
    work
}

/// Where each person's entries start in a list sorted by person (one more entry than people).
fn starts(people: usize, sorted: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut counts = vec![0usize; people + 1];
    for person in sorted {
        counts[person + 1] += 1;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    counts
}

#[cfg(test)]
mod tests;
