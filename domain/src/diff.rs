//! The clause-level difference between two versions of a policy: added, removed and changed duties.
//!
//! Duties are matched by their words, not by clause numbers, because inserting one
//! clause renumbers every clause after it. Identical duties (same words, same modality)
//! are unchanged; the most similar remaining pairs are "changed"; the rest are added
//! or removed.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::clauses::{ClauseSet, Modality};

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
    /// True when any duty was added, removed or changed.
    pub fn duty_changed(&self) -> bool {
        !self.changes.is_empty()
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
                before: Some(old_duties[o].clone()),
                after,
            }),
            None => out.changes.push(DutyChange {
                kind: ChangeKind::Added,
                before: None,
                after,
            }),
        }
    }
    for (o, used) in old_used.into_iter().enumerate() {
        if !used {
            out.changes.push(DutyChange {
                kind: ChangeKind::Removed,
                before: Some(old_duties[o].clone()),
                after: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clauses::parse_text;

    fn set(body: &str) -> ClauseSet {
        parse_text(&format!("Staff Conduct Policy\n\n1. Rules\n\n{body}")).unwrap()
    }

    #[test]
    fn the_same_text_has_no_changes() {
        let a = set("1.1 Staff must lock their screens.\n1.2 Staff must not share passwords.\n");
        let d = diff(&a, &a);
        assert!(!d.duty_changed());
        assert_eq!(d.unchanged, 2);
    }

    #[test]
    fn added_removed_and_changed_duties_are_told_apart() {
        let old = set("1.1 Staff must lock their screens when leaving a room.\n\
             1.2 Staff must not share passwords with anyone.\n\
             1.3 Staff should wear a lanyard at all times.\n");
        let new = set("1.1 Staff must lock their screens when leaving a room.\n\
             1.2 Staff must never share passwords with anyone, including colleagues.\n\
             1.3 Staff must report a lost badge to the office the same day.\n");
        let d = diff(&old, &new);
        assert_eq!(d.unchanged, 1);
        assert_eq!(d.count(ChangeKind::Changed), 1, "{d:#?}");
        assert_eq!(d.count(ChangeKind::Added), 1, "{d:#?}");
        assert_eq!(d.count(ChangeKind::Removed), 1, "{d:#?}");
        let changed = d
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::Changed)
            .unwrap();
        assert!(changed
            .before
            .as_ref()
            .unwrap()
            .text
            .contains("share passwords"));
        assert!(changed.after.as_ref().unwrap().text.contains("colleagues"));
        let removed = d
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::Removed)
            .unwrap();
        assert!(removed.before.as_ref().unwrap().text.contains("lanyard"));
    }

    #[test]
    fn renumbering_alone_is_not_a_change() {
        let old = set("1.1 Staff must lock their screens.\n1.2 Staff must not share passwords.\n");
        let new = set("1.1 This policy explains our rules.\n\
             1.2 Staff must lock their screens.\n\
             1.3 Staff must not share passwords.\n");
        let d = diff(&old, &new);
        assert!(!d.duty_changed(), "{d:#?}");
        assert_eq!(d.unchanged, 2);
    }

    #[test]
    fn a_stronger_modality_with_the_same_words_is_a_change() {
        let old = set("1.1 Staff should report concerns to the safeguarding lead.\n");
        let new = set("1.1 Staff must report concerns to the safeguarding lead.\n");
        let d = diff(&old, &new);
        assert_eq!(d.count(ChangeKind::Changed), 1, "{d:#?}");
        let c = &d.changes[0];
        assert_eq!(c.before.as_ref().unwrap().modality, Modality::Should);
        assert_eq!(c.after.as_ref().unwrap().modality, Modality::Must);
    }
}
