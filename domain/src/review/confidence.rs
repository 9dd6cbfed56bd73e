//! How sure the engine is of a reading, from signals the clause set already carries.
//!
//! Each rule names a way the clause engine or the quiz generator is known to go wrong
//! (a duty with no holder, a firm rule read from "will", mixed strengths in one clause …)
//! and takes points off; what is left below [`FLAG_BELOW`] waits for a person.

use super::Reading;
use crate::clauses::{Audience, Clause, ClauseSet, Modality};
use crate::quiz::Question;

/// Readings below this are flagged for review.
pub const FLAG_BELOW: u8 = 70;

/// Words that set a duty without a modal verb: a clause read as information may hide one.
const DUTY_WORDS: &[&str] = &[
    "required to",
    "expected to",
    "responsible for",
    "need to",
    "needs to",
    "have to",
    "has to",
    "ensure",
    "is to ",
    "are to ",
    "obliged",
    "prohibited",
    "not permitted",
    "forbidden",
];

/// Words past which a clause is likely to hold more than one duty.
const LONG_WORDS: usize = 80;

/// Collects deductions into a reading.
struct Score {
    points: i32,
    reasons: Vec<String>,
}

impl Score {
    fn new() -> Score {
        Score {
            points: 100,
            reasons: Vec::new(),
        }
    }

    fn lose(&mut self, when: bool, points: i32, reason: &str) {
        if when {
            self.points -= points;
            self.reasons.push(reason.to_string());
        }
    }

    fn reading(self) -> Reading {
        Reading {
            confidence: u8::try_from(self.points.clamp(5, 100)).unwrap_or(5),
            reasons: self.reasons,
        }
    }
}

fn others_only(audience: &[Audience]) -> bool {
    !audience.is_empty()
        && audience.iter().all(|a| {
            matches!(
                a,
                Audience::Headteacher
                    | Audience::Governors
                    | Audience::School
                    | Audience::Pupils
                    | Audience::ParentsCarers
            )
        })
}

fn firm(m: Modality) -> bool {
    matches!(m, Modality::Must | Modality::MustNot)
}

fn advisory(m: Modality) -> bool {
    matches!(m, Modality::Should | Modality::ShouldNot)
}

/// How sure the engine is of a clause's strength, holder and shape.
pub fn clause_reading(clause: &Clause) -> Reading {
    let mut s = Score::new();
    let duty = clause.modality.is_duty();
    let lower = clause.text.to_lowercase();
    let words = clause.text.split_whitespace().count();
    s.lose(
        duty && clause.audience.is_empty(),
        30,
        "No one is named as holding this duty",
    );
    s.lose(
        duty && others_only(&clause.audience),
        35,
        "The duty may belong to someone other than staff",
    );
    let strengths: Vec<Modality> = clause.duties.iter().map(|d| d.modality).collect();
    s.lose(
        strengths.iter().any(|&m| firm(m)) && strengths.iter().any(|&m| advisory(m)),
        20,
        "Its sentences differ in strength (must and should)",
    );
    s.lose(
        !duty && DUTY_WORDS.iter().any(|w| lower.contains(w)),
        35,
        "Read as information, but its words may set a duty",
    );
    s.lose(
        firm(clause.modality) && lower.contains(" will ") && !lower.contains(" must"),
        20,
        "Read as a firm rule from \"will\"",
    );
    s.lose(
        words > LONG_WORDS || clause.duties.len() > 4,
        15,
        "Long: it may hold several duties (consider splitting it)",
    );
    s.lose(
        duty && words < 4,
        20,
        "Very short for a duty: it may be part of the clause before",
    );
    s.lose(
        clause.id.contains(".p") || clause.id.starts_with('s'),
        10,
        "Not numbered in the document: its place was worked out",
    );
    s.lose(duty && clause.topics.is_empty(), 10, "No topic recognised");
    s.reading()
}

/// How sure the engine is of a question: its deciding clause's reading and its own shape.
pub fn question_reading(question: &Question, set: &ClauseSet) -> Reading {
    let mut s = Score::new();
    let deciding = question
        .clause_ids
        .first()
        .and_then(|id| set.clauses.iter().find(|c| &c.id == id));
    match deciding {
        None => s.lose(true, 60, "Its clause is not in the policy any more"),
        Some(clause) => {
            let clause_reading = clause_reading(clause);
            s.lose(
                clause_reading.flagged(),
                30,
                "Decided by a clause the engine is unsure of",
            );
            s.lose(
                !question.verdict.agrees_with(clause.modality),
                40,
                "Its answer is not as strong as its clause",
            );
        }
    }
    s.lose(
        question.id.starts_with("duty:"),
        15,
        "Built from the sentence itself, not from a written scenario",
    );
    s.lose(question.options.len() < 3, 20, "Fewer than three options");
    s.reading()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clauses::parse_text;

    fn clause(body: &str) -> Clause {
        let set = parse_text(&format!("Staff Conduct Policy\n\n1. Rules\n\n{body}")).unwrap();
        set.clauses.into_iter().last().unwrap()
    }

    #[test]
    fn a_plain_staff_duty_is_read_with_confidence() {
        let r = clause_reading(&clause(
            "1.1 Staff must not share their passwords with pupils or visitors.\n",
        ));
        assert!(!r.flagged(), "{r:?}");
    }

    #[test]
    fn a_duty_hidden_in_information_is_flagged() {
        let text = "Staff are required to report any concern about a child on the same day.";
        let read_as_information = Clause {
            id: "1.1".into(),
            section: "Rules".into(),
            text: text.into(),
            modality: Modality::Info,
            duties: vec![crate::clauses::Duty {
                text: text.into(),
                modality: Modality::Info,
            }],
            audience: vec![Audience::Staff],
            topics: vec!["safeguarding".into()],
        };
        let r = clause_reading(&read_as_information);
        assert!(r.flagged(), "{r:?}");
        assert!(
            r.reasons.iter().any(|x| x.contains("may set a duty")),
            "{r:?}"
        );
    }

    #[test]
    fn mixed_strengths_lower_the_confidence() {
        let plain = clause_reading(&clause(
            "1.1 Staff must lock their screens when they leave a classroom.\n",
        ));
        let mixed = clause_reading(&clause(
            "1.1 Staff must lock their screens when they leave a classroom. Staff should also close the door.\n",
        ));
        assert!(mixed.confidence < plain.confidence, "{plain:?} {mixed:?}");
        assert!(mixed
            .reasons
            .iter()
            .any(|x| x.contains("differ in strength")));
    }

    #[test]
    fn a_headteachers_duty_is_flagged_as_maybe_not_for_staff() {
        let r = clause_reading(&clause(
            "1.1 The headteacher must check the visitor log every week and report to governors.\n",
        ));
        assert!(r.flagged(), "{r:?}");
    }
}
