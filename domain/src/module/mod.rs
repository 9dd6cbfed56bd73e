//! Modules: the lessons generated from a clause set, one short lesson per section part.
//!
//! Every clause the engine kept is taught somewhere: a duty of the reader is turned round to
//! "You must …", a duty of someone else keeps its holder ("The headteacher should …"), and the
//! rest of a clause (who the policy covers, monitoring, what a breach leads to) is a *note*: the
//! policy's own words under the lesson's duties.

mod plain;
pub(crate) mod pronouns;

pub use plain::second_person;
pub(crate) use plain::{negative_wording, tidy};

use crate::clauses::{Clause, ClauseSet, Duty, Modality};
use crate::quiz::holders::{audience_holder, Holder};
use serde::{Deserialize, Serialize};

/// Most key points one lesson holds before its section is split, so lessons fit a phone screen.
const MAX_POINTS_PER_LESSON: usize = 5;
/// Reading speed used for the time estimates, in words per minute.
const WORDS_PER_MINUTE: usize = 180;

/// The training module generated from one policy version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Module {
    /// The policy's title.
    pub title: String,
    /// The lessons in policy order.
    pub lessons: Vec<Lesson>,
    /// Estimated time to read every lesson, in minutes.
    pub reading_minutes: u32,
}

/// One short lesson: a section's duties (or part of them) in plain words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lesson {
    /// Stable id within the module (`lesson-1`, `lesson-2` …).
    pub id: String,
    /// The section heading, with "(part n of m)" when the section was split.
    pub section: String,
    /// The section's duties in plain words.
    pub key_points: Vec<KeyPoint>,
    /// Estimated reading time, in minutes (at least one).
    pub reading_minutes: u32,
}

/// One duty in plain words, with the clause's own words one click away.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyPoint {
    /// The id of the clause the duty comes from.
    pub clause_id: String,
    /// How binding the duty is.
    pub modality: Modality,
    /// The duty addressed to the reader ("You must not …"), someone else's duty with its holder,
    /// or, for a note (`modality` info), the policy's own words.
    pub plain: String,
    /// The duty sentence in the policy's own words.
    pub quote: String,
}

/// Builds the module for a clause set: every clause's duties, then its notes, by section.
pub fn build_module(set: &ClauseSet) -> Module {
    let mut sections: Vec<(String, Vec<KeyPoint>)> = Vec::new();
    for clause in &set.clauses {
        let points = clause_points(clause);
        let section = section_name(&clause.section);
        match sections.last_mut() {
            Some((name, list)) if *name == section => list.extend(points),
            _ => sections.push((section, points)),
        }
    }
    let mut lessons = Vec::new();
    for (section, points) in sections.into_iter().filter(|(_, p)| !p.is_empty()) {
        let parts = points.len().div_ceil(MAX_POINTS_PER_LESSON);
        let size = points.len().div_ceil(parts);
        for (i, chunk) in points.chunks(size).enumerate() {
            let name = if parts > 1 {
                format!("{section} (part {} of {parts})", i + 1)
            } else {
                section.clone()
            };
            lessons.push(Lesson {
                id: format!("lesson-{}", lessons.len() + 1),
                section: name,
                key_points: chunk.to_vec(),
                reading_minutes: minutes(chunk),
            });
        }
    }
    let reading_minutes = lessons.iter().map(|l| l.reading_minutes).sum();
    Module {
        title: set.policy.title.clone(),
        lessons,
        reading_minutes,
    }
}

/// A clause's key points: each duty in plain words, then its information sentences as one note.
fn clause_points(clause: &Clause) -> Vec<KeyPoint> {
    let mut points: Vec<KeyPoint> = clause
        .duties
        .iter()
        .filter(|d| d.modality.is_duty() && !tidy(&d.text).is_empty())
        .map(|d| KeyPoint {
            clause_id: clause.id.clone(),
            modality: d.modality,
            plain: plain_words(clause, d),
            quote: tidy(&d.text),
        })
        .collect();
    let notes: Vec<String> = clause
        .duties
        .iter()
        .filter(|d| !d.modality.is_duty())
        .map(|d| plain::sentence(&tidy(&d.text)))
        .filter(|s| s.len() > 1)
        .collect();
    if !notes.is_empty() {
        let note = notes.join(" ");
        points.push(KeyPoint {
            clause_id: clause.id.clone(),
            modality: Modality::Info,
            plain: note.clone(),
            quote: note,
        });
    }
    points
}

/// A duty in plain words: the reader's turned round to "You …", anyone else's kept as theirs.
fn plain_words(clause: &Clause, duty: &Duty) -> String {
    // A list item without a subject ("should ensure …" under "Principals") is its lead-in's.
    let holder = if plain::subjectless(&tidy(&duty.text)) {
        Some(audience_holder(clause))
    } else {
        crate::quiz::parsed::parse(clause, duty).map(|p| p.holder)
    };
    match holder {
        Some(Holder::Role { name, .. }) => plain::as_holders(&name, duty),
        Some(Holder::Thing(_)) => plain::sentence(&tidy(&duty.text)),
        Some(Holder::Reader) | None => second_person(duty),
    }
}

/// The heading a lesson shows; clauses outside any section share one.
fn section_name(section: &str) -> String {
    let s = tidy(section);
    if s.is_empty() {
        "General".to_string()
    } else {
        s
    }
}

/// Reading time for the plain words and quotes of some key points, rounded up, at least one.
fn minutes(points: &[KeyPoint]) -> u32 {
    let words: usize = points
        .iter()
        .map(|p| p.plain.split_whitespace().count() + p.quote.split_whitespace().count())
        .sum();
    u32::try_from(words.div_ceil(WORDS_PER_MINUTE).max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clauses::{Clause, Duty};

    fn clause(id: &str, section: &str, duties: &[(&str, Modality)]) -> Clause {
        let duties: Vec<Duty> = duties
            .iter()
            .map(|(t, m)| Duty {
                text: t.to_string(),
                modality: *m,
            })
            .collect();
        Clause {
            id: id.to_string(),
            section: section.to_string(),
            text: duties
                .iter()
                .map(|d| d.text.clone())
                .collect::<Vec<_>>()
                .join(" "),
            modality: duties
                .iter()
                .map(|d| d.modality)
                .max()
                .unwrap_or(Modality::Info),
            duties,
            audience: vec![],
            topics: vec![],
        }
    }

    #[test]
    fn every_clause_is_taught_duties_first_then_notes() {
        let set = ClauseSet {
            clauses: vec![
                clause(
                    "1.1",
                    "Scope",
                    &[("This policy applies to all staff.", Modality::Info)],
                ),
                clause(
                    "2.1",
                    "Use",
                    &[
                        ("Staff must not post images of pupils.", Modality::MustNot),
                        ("Staff may use the official site.", Modality::May),
                    ],
                ),
                clause(
                    "2.2",
                    "Use",
                    &[("Staff should keep passwords private.", Modality::Should)],
                ),
            ],
            ..ClauseSet::default()
        };
        let module = build_module(&set);
        assert_eq!(module.lessons.len(), 2);
        assert_eq!(module.lessons[0].section, "Scope");
        let note = &module.lessons[0].key_points[0];
        assert_eq!(note.modality, Modality::Info);
        assert_eq!(note.plain, "This policy applies to all staff.");
        let points = &module.lessons[1].key_points;
        assert_eq!(points.len(), 3);
        assert_eq!(points[0].plain, "You must not post images of pupils.");
        assert_eq!(points[1].plain, "Staff may use the official site.");
        assert_eq!(points[1].modality, Modality::Info);
        assert_eq!(points[2].clause_id, "2.2");
    }

    #[test]
    fn long_sections_are_split_into_short_lessons() {
        let duties: Vec<(String, Modality)> = (0..12)
            .map(|i| (format!("Staff must do thing {i}."), Modality::Must))
            .collect();
        let refs: Vec<(&str, Modality)> = duties.iter().map(|(t, m)| (t.as_str(), *m)).collect();
        let set = ClauseSet {
            clauses: vec![clause("1", "Rules", &refs)],
            ..ClauseSet::default()
        };
        let module = build_module(&set);
        assert_eq!(module.lessons.len(), 3);
        assert!(module
            .lessons
            .iter()
            .all(|l| l.key_points.len() <= MAX_POINTS_PER_LESSON));
        assert_eq!(module.lessons[2].section, "Rules (part 3 of 3)");
        assert!(module.reading_minutes >= 3);
    }
}
