//! Review before publish: the clause set and question bank as the engine read them, the
//! manager's corrections and decisions, and how sure the engine is of each reading.
//!
//! A [`Draft`] keeps every clause twice — as read and as corrected — so the original stays
//! beside any edit, and the corrected clause set and decided bank are what a version stores.
//! The caller passes the time and the reviewer in; nothing here reads a clock.

mod amend;
mod carry;
mod confidence;
mod edit;
mod holder;
mod questions;

pub use amend::{amendments, reapply, Reapplied};
pub use carry::carry_forward;
pub use confidence::{clause_reading, question_reading, FLAG_BELOW};
pub use edit::Correction;
pub use questions::{apply_decisions, WrittenQuestion};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::clauses::{Audience, Clause, ClauseSet, Modality, PolicyMeta};
use crate::quiz::{build_bank, Question, QuestionBank};

/// The seed every version's bank is built with, so a version's questions never change.
pub const BANK_SEED: u64 = 1;

/// How sure the engine is of one reading, and why not more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reading {
    /// 0 (a guess) to 100 (sure).
    pub confidence: u8,
    /// What lowered it, in words a manager can check.
    pub reasons: Vec<String>,
}

impl Reading {
    /// True when a person should look at it before staff see it.
    pub fn flagged(&self) -> bool {
        self.confidence < FLAG_BELOW
    }
}

/// Who looked at an item, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reviewed {
    /// Their name as it was then.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// One clause under review: as corrected, beside what the engine read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftClause {
    /// The clause as it will be published (corrected, if it was).
    pub clause: Clause,
    /// The text as the engine read it from the document.
    pub original_text: String,
    /// The strength the engine read.
    pub original_modality: Modality,
    /// Who the engine read as holding the duty.
    pub original_audience: Vec<Audience>,
    /// False for furniture and definitions: kept out of lessons and questions.
    pub taught: bool,
    /// How sure the engine is of its reading.
    pub reading: Reading,
    /// Who looked at it, if anyone.
    pub reviewed: Option<Reviewed>,
    /// True when the review came from the previous version (the text is unchanged).
    pub carried: bool,
    /// True for the parts of a split or the result of a join (never carried forward).
    pub reshaped: bool,
}

impl DraftClause {
    /// A clause as the engine read it, not yet looked at.
    pub fn read(clause: Clause) -> DraftClause {
        DraftClause {
            original_text: clause.text.clone(),
            original_modality: clause.modality,
            original_audience: clause.audience.clone(),
            taught: true,
            reading: clause_reading(&clause),
            reviewed: None,
            carried: false,
            reshaped: false,
            clause,
        }
    }

    /// True when it waits for a person: flagged and not yet looked at.
    pub fn outstanding(&self) -> bool {
        self.reading.flagged() && self.reviewed.is_none()
    }
}

/// What a manager decided about a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionAction {
    /// Asked as generated.
    Approved,
    /// Asked as the manager reworded it.
    Edited,
    /// Never asked.
    Retired,
    /// Written by the manager.
    Written,
}

/// One decision on a question, by its id in the bank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionDecision {
    /// The question's id (a written one's is `written:N`).
    pub question_id: String,
    /// What was decided.
    pub action: QuestionAction,
    /// The question as edited or written.
    pub question: Option<Question>,
    /// Who decided, and when.
    pub reviewed: Reviewed,
    /// True when it came from the previous version.
    #[serde(default)]
    pub carried: bool,
}

/// An upload under review: the document's metadata, its clauses and the question decisions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// What the document says about itself.
    pub meta: PolicyMeta,
    /// The clauses in document order.
    pub clauses: Vec<DraftClause>,
    /// Decisions on questions, in the order they were made.
    pub decisions: Vec<QuestionDecision>,
}

impl Draft {
    /// A fresh draft of a parsed document: nothing reviewed yet.
    pub fn from_set(set: ClauseSet) -> Draft {
        Draft {
            meta: set.policy,
            clauses: set.clauses.into_iter().map(DraftClause::read).collect(),
            decisions: Vec::new(),
        }
    }

    /// The clause set a version stores: taught clauses, as corrected.
    pub fn clause_set(&self) -> ClauseSet {
        ClauseSet {
            policy: self.meta.clone(),
            clauses: self
                .clauses
                .iter()
                .filter(|c| c.taught)
                .map(|c| c.clause.clone())
                .collect(),
        }
    }

    /// The whole policy staff read: every clause as corrected, in order, taught or not.
    pub fn whole_set(&self) -> ClauseSet {
        ClauseSet {
            policy: self.meta.clone(),
            clauses: self.clauses.iter().map(|c| c.clause.clone()).collect(),
        }
    }

    /// The bank generated from the corrected clause set, before decisions.
    pub fn generated_bank(&self) -> QuestionBank {
        build_bank(&self.clause_set(), BANK_SEED)
    }

    /// The bank staff are asked from: generated, then edited, retired and written as decided.
    pub fn bank(&self) -> QuestionBank {
        apply_decisions(self.generated_bank(), &self.decisions)
    }

    /// The decision on a question, if one was made.
    pub fn decision(&self, question_id: &str) -> Option<&QuestionDecision> {
        self.decisions
            .iter()
            .rev()
            .find(|d| d.question_id == question_id)
    }

    /// Flagged items nobody has looked at yet: clauses, then questions.
    pub fn outstanding(&self) -> (usize, usize) {
        self.outstanding_in(&self.generated_bank())
    }

    /// [`Draft::outstanding`] with the generated bank already built (it is the costly part).
    pub fn outstanding_in(&self, generated: &QuestionBank) -> (usize, usize) {
        let set = self.clause_set();
        let clauses = self.clauses.iter().filter(|c| c.outstanding()).count();
        let questions = generated
            .questions
            .iter()
            .filter(|q| question_reading(q, &set).flagged() && self.decision(&q.id).is_none())
            .count();
        (clauses, questions)
    }

    fn position(&self, clause_id: &str) -> Option<usize> {
        self.clauses.iter().position(|c| c.clause.id == clause_id)
    }
}

/// Indexes of readings, least sure first (document order among equals).
pub fn least_sure_first(readings: &[&Reading]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..readings.len()).collect();
    order.sort_by_key(|&i| readings[i].confidence);
    order
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::clauses::parse_text;
    use chrono::TimeZone;

    /// A draft of a one-section policy with `body` as its clauses.
    pub fn draft(body: &str) -> Draft {
        Draft::from_set(parse_text(&format!("Staff Conduct Policy\n\n1. Rules\n\n{body}")).unwrap())
    }

    /// A reviewer at a fixed time.
    pub fn by() -> Reviewed {
        Reviewed {
            by: "Sam Manager".into(),
            at: Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap(),
        }
    }

    #[test]
    fn flagged_items_wait_until_looked_at() {
        let mut d = draft("1.1 The headteacher must check the visitor log every week.\n");
        let (clauses, _) = d.outstanding();
        assert_eq!(clauses, 1, "{:?}", d.clauses[0].reading);
        d.correct("1.1", &Correction::default(), by()).unwrap();
        assert_eq!(d.outstanding().0, 0);
    }

    #[test]
    fn least_sure_come_first() {
        let r = |c| Reading {
            confidence: c,
            reasons: Vec::new(),
        };
        let (a, b, c) = (r(90), r(40), r(60));
        assert_eq!(least_sure_first(&[&a, &b, &c]), vec![1, 2, 0]);
    }
}
