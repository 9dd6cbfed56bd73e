//! Assembles [`Facts`] from loaded rows: interns ids and names, then indexes history by person.

mod again;
mod history;

pub(super) use again::{Logged, Over};
pub(super) use history::{History, Keys, Reader};

use attest_domain::status::Pause;
use chrono::NaiveDate;
// foldhash, not SipHash: every history row looks its person and version up by id, and the
// trust's load is mostly those look-ups. Its seed is still random per process.
use foldhash::HashMap;

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
    keys: Keys,
    school_ids: HashMap<String, usize>,
    label_ids: HashMap<String, u32>,
    member_ids: HashMap<(usize, usize), usize>,
    policy_ids: HashMap<String, usize>,
    groups: Vec<(usize, u32)>,
    history: History,
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
        let person = match self.keys.person_ids.get(m.person_id) {
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
                self.keys.person_ids.insert(m.person_id.to_string(), p);
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
            self.keys.person_ids.get(person_id),
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
        self.keys
            .version_ids
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

    /// A reader of history rows into the builder's own history (tests build by hand).
    #[cfg(test)]
    pub fn reader(&mut self) -> Reader<'_> {
        Reader::new(&self.keys, &mut self.history)
    }

    /// The ids history rows name, and the builder's own history (which parts read beside
    /// it are [absorbed](History::absorb) into).
    pub fn history(&mut self) -> (&Keys, &mut History) {
        (&self.keys, &mut self.history)
    }

    /// Indexes groups and history by member and person.
    pub fn finish(self) -> Facts {
        let Builder {
            mut facts,
            mut groups,
            history: History { mut held, work },
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
