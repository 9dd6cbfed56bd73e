//! The clause-level difference between two versions of a policy: added, removed and changed duties.
//!
//! Duties are matched by their words, not by clause numbers, because inserting one
//! clause renumbers every clause after it. Identical duties (same words, same modality)
//! are unchanged; the most similar remaining pairs are "changed"; the rest are added
//! or removed.
//!
//! Each change is then classed: a duty whose strength, holder and action words are the same
//! changed its **wording only**; otherwise the **duty changed**. Only added, removed and
//! changed duties make staff re-attest, and only they are taught in "what changed".

use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

use crate::clauses::{Audience, ClauseSet, Modality};

/// How similar (shared words over all words) two duties must be to count as one duty changed.
const SAME_DUTY_SIMILARITY: f64 = 0.5;

/// What happened to a duty between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A duty only the new version has.
    Added,
    /// A duty only the old version had.
    Removed,
    /// A duty whose words or strength changed.
    Changed,
}

/// Whether a change matters to what staff must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeClass {
    /// Reworded: the same strength, holder and action.
    WordingOnly,
    /// The strength, the action or who holds it changed.
    DutyChanged,
    /// A new duty.
    Added,
    /// A duty that is gone.
    Removed,
}

impl ChangeClass {
    /// True for every class but wording only: what staff must re-attest.
    pub fn material(self) -> bool {
        self != ChangeClass::WordingOnly
    }
}

/// One duty as a version words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DutyText {
    /// The clause it sits in.
    pub clause_id: String,
    /// The clause's section.
    pub section: String,
    /// The sentence.
    pub text: String,
    /// How binding it is.
    pub modality: Modality,
    /// Who holds it.
    #[serde(default)]
    pub holder: Vec<Audience>,
}

/// One difference between the versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DutyChange {
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The duty in the old version (removed, changed).
    pub before: Option<DutyText>,
    /// The duty in the new version (added, changed).
    pub after: Option<DutyText>,
    /// Whether it matters to what staff must do.
    pub class: ChangeClass,
}

/// Every difference between two versions' duties, in the new version's order (removals last).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyDiff {
    /// The differences.
    pub changes: Vec<DutyChange>,
    /// Duties the versions share word for word.
    pub unchanged: u32,
}

impl PolicyDiff {
    /// True when a duty was added, removed or changed in more than its wording.
    pub fn duty_changed(&self) -> bool {
        self.changes.iter().any(|c| c.class.material())
    }

    /// Only the changes that matter to what staff must do (for "what changed").
    pub fn material(&self) -> PolicyDiff {
        PolicyDiff {
            changes: self
                .changes
                .iter()
                .filter(|c| c.class.material())
                .cloned()
                .collect(),
            unchanged: self.unchanged,
        }
    }

    /// How many changes are of one class.
    pub fn count_class(&self, class: ChangeClass) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// How many differences are of one kind.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }
}

/// The duties (must, must not, should, should not) of a clause set, in document order.
fn duties(set: &ClauseSet) -> Vec<DutyText> {
    set.clauses
        .iter()
        .flat_map(|c| {
            c.duties
                .iter()
                .filter(|d| d.modality.is_duty())
                .map(|d| DutyText {
                    clause_id: c.id.clone(),
                    section: c.section.clone(),
                    text: d.text.trim().to_string(),
                    modality: d.modality,
                    holder: c.audience.clone(),
                })
        })
        .collect()
}

/// Lower-case words, punctuation dropped: what "the same words" means.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Words that say how binding a duty is, or only join others: not part of its action.
#[rustfmt::skip]
const NOT_ACTION: &[&str] = &[
    "must", "not", "never", "should", "shall", "will", "may", "can", "cannot", "need", "needs",
    "required", "expected", "always", "is", "are", "be", "to", "the", "a", "an", "of", "and",
    "their", "they", "them", "its", "it", "this", "that", "these", "those", "all", "staff",
    "members", "member", "also", "please", "ensure", "shouldn't", "mustn't", "don't", "do",
    "you", "your", "yours", "own", "our", "we", "us", "his", "her", "he", "she", "very",
];

/// The action's words, stemmed ("leaving" meets "leave").
fn action_words(text: &str) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut out: Vec<String> = words(text)
        .into_iter()
        .filter(|w| !NOT_ACTION.contains(&w.as_str()))
        .map(|w| stemmer.stem(&w).into_owned())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Wording only when the strength, the holder and the action's words are all the same.
fn class_of(before: &DutyText, after: &DutyText) -> ChangeClass {
    let same = before.modality == after.modality
        && before.holder == after.holder
        && action_words(&before.text) == action_words(&after.text);
    if same {
        ChangeClass::WordingOnly
    } else {
        ChangeClass::DutyChanged
    }
}

fn similarity(a: &[String], b: &[String]) -> f64 {
    let a: HashSet<&String> = a.iter().collect();
    let b: HashSet<&String> = b.iter().collect();
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

/// The duty-level difference from `old` to `new`.
pub fn diff(old: &ClauseSet, new: &ClauseSet) -> PolicyDiff {
    let old_duties = duties(old);
    let new_duties = duties(new);
    let old_words: Vec<Vec<String>> = old_duties.iter().map(|d| words(&d.text)).collect();
    let new_words: Vec<Vec<String>> = new_duties.iter().map(|d| words(&d.text)).collect();
    let mut old_used = vec![false; old_duties.len()];
    let mut new_match: Vec<Option<(usize, bool)>> = vec![None; new_duties.len()];
    // Pass 1: identical duties, first come first matched.
    for (n, nw) in new_words.iter().enumerate() {
        if let Some(o) = (0..old_duties.len()).find(|&o| {
            !old_used[o] && old_words[o] == *nw && old_duties[o].modality == new_duties[n].modality
        }) {
            old_used[o] = true;
            new_match[n] = Some((o, true));
        }
    }
    // Pass 2: the most similar remaining pairs, best first.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (n, nw) in new_words.iter().enumerate() {
        if new_match[n].is_some() {
            continue;
        }
        for (o, ow) in old_words.iter().enumerate() {
            if old_used[o] {
                continue;
            }
            let s = similarity(ow, nw);
            if s >= SAME_DUTY_SIMILARITY {
                pairs.push((s, n, o));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, n, o) in pairs {
        if new_match[n].is_none() && !old_used[o] {
            old_used[o] = true;
            new_match[n] = Some((o, false));
        }
    }
    let mut out = PolicyDiff::default();
    for (n, matched) in new_match.into_iter().enumerate() {
        let after = Some(new_duties[n].clone());
        match matched {
            Some((_, true)) => out.unchanged += 1,
            Some((o, false)) => out.changes.push(DutyChange {
                kind: ChangeKind::Changed,
                class: class_of(&old_duties[o], &new_duties[n]),
                before: Some(old_duties[o].clone()),
                after,
            }),
            None => out.changes.push(DutyChange {
                kind: ChangeKind::Added,
                class: ChangeClass::Added,
                before: None,
                after,
            }),
        }
    }
    for (o, used) in old_used.into_iter().enumerate() {
        if !used {
            out.changes.push(DutyChange {
                kind: ChangeKind::Removed,
                class: ChangeClass::Removed,
                before: Some(old_duties[o].clone()),
                after: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
