//! A manager's decisions on questions: approve, edit, retire, or write one; and the bank
//! staff are asked from once those decisions are applied.

use serde::{Deserialize, Serialize};

use super::{Draft, QuestionAction, QuestionDecision, Reviewed};
use crate::clauses::ClauseSet;
use crate::error::DomainError;
use crate::quiz::{Question, QuestionBank, Verdict};

/// The longest stem, option or explanation a manager may write.
const MAX_TEXT: usize = 1_000;

/// A question as a manager edits or writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WrittenQuestion {
    /// The clause that decides it.
    pub clause_id: String,
    /// The situation and the question.
    pub stem: String,
    /// Two to six options.
    pub options: Vec<String>,
    /// Which option is right, counting from 0.
    pub answer: usize,
    /// Why (defaults to the clause's number).
    #[serde(default)]
    pub explanation: String,
}

fn invalid(message: &str) -> DomainError {
    DomainError::Invalid(message.to_string())
}

/// A question from what a manager wrote, checked against the clause set.
fn checked(id: &str, w: &WrittenQuestion, set: &ClauseSet) -> Result<Question, DomainError> {
    let clause = set
        .clauses
        .iter()
        .find(|c| c.id == w.clause_id)
        .ok_or_else(|| {
            DomainError::Invalid(format!(
                "choose a clause that is taught; there is no clause {}",
                w.clause_id
            ))
        })?;
    let stem = w.stem.trim();
    if stem.is_empty() || stem.len() > MAX_TEXT {
        return Err(invalid("enter the question (up to 1,000 characters)"));
    }
    let options: Vec<String> = w.options.iter().map(|o| o.trim().to_string()).collect();
    if !(2..=6).contains(&options.len())
        || options.iter().any(|o| o.is_empty() || o.len() > MAX_TEXT)
    {
        return Err(invalid("give two to six options, none of them empty"));
    }
    let mut distinct = options.clone();
    distinct.sort();
    distinct.dedup();
    if distinct.len() != options.len() {
        return Err(invalid("each option must differ from the others"));
    }
    if w.answer >= options.len() {
        return Err(invalid("mark one of the options as the right answer"));
    }
    let explanation = match w.explanation.trim() {
        "" => format!("Clause {} decides this.", clause.id),
        e if e.len() > MAX_TEXT => {
            return Err(invalid("the explanation can be up to 1,000 characters"))
        }
        e => e.to_string(),
    };
    Ok(Question {
        id: id.to_string(),
        clause_ids: vec![clause.id.clone()],
        section: clause.section.clone(),
        stem: stem.to_string(),
        options,
        answer: w.answer,
        explanation,
        // Only a label for a written question: its answer is what the manager marked.
        verdict: Verdict::from_modality(clause.modality).unwrap_or(Verdict::Permitted),
    })
}

impl Draft {
    /// Records a decision on a generated (or written) question; edits need the new wording.
    pub fn decide(
        &mut self,
        question_id: &str,
        action: QuestionAction,
        edited: Option<&WrittenQuestion>,
        by: Reviewed,
    ) -> Result<(), DomainError> {
        let set = self.clause_set();
        let generated = self
            .generated_bank()
            .questions
            .iter()
            .any(|q| q.id == question_id);
        let written = self
            .decision(question_id)
            .is_some_and(|d| d.action == QuestionAction::Written);
        if !generated && !written {
            return Err(DomainError::Invalid(format!(
                "there is no question {question_id}"
            )));
        }
        let (action, question) = match action {
            QuestionAction::Edited | QuestionAction::Written => {
                let w = edited.ok_or_else(|| invalid("give the question's new wording"))?;
                let action = if written {
                    QuestionAction::Written
                } else {
                    QuestionAction::Edited
                };
                (action, Some(checked(question_id, w, &set)?))
            }
            other => (other, None),
        };
        self.decisions.retain(|d| d.question_id != question_id);
        self.decisions.push(QuestionDecision {
            question_id: question_id.to_string(),
            action,
            question,
            reviewed: by,
            carried: false,
        });
        Ok(())
    }

    /// Adds a question the manager wrote; returns its id.
    pub fn write(&mut self, w: &WrittenQuestion, by: Reviewed) -> Result<String, DomainError> {
        let n = self
            .decisions
            .iter()
            .filter_map(|d| d.question_id.strip_prefix("written:")?.parse::<u32>().ok())
            .max()
            .unwrap_or(0)
            + 1;
        let id = format!("written:{n}");
        let question = checked(&id, w, &self.clause_set())?;
        self.decisions.push(QuestionDecision {
            question_id: id.clone(),
            action: QuestionAction::Written,
            question: Some(question),
            reviewed: by,
            carried: false,
        });
        Ok(id)
    }
}

/// The bank after decisions: approved as generated, edited replaced, retired dropped, written added.
pub fn apply_decisions(bank: QuestionBank, decisions: &[QuestionDecision]) -> QuestionBank {
    let last = |id: &str| decisions.iter().rev().find(|d| d.question_id == id);
    let generated: Vec<String> = bank.questions.iter().map(|q| q.id.clone()).collect();
    let mut questions: Vec<Question> = bank
        .questions
        .into_iter()
        .filter_map(|q| match last(&q.id) {
            Some(d) if d.action == QuestionAction::Retired => None,
            Some(d) if d.action == QuestionAction::Edited => d.question.clone(),
            _ => Some(q),
        })
        .collect();
    for d in decisions {
        let latest = last(&d.question_id).is_some_and(|l| std::ptr::eq(l, d));
        if latest && d.action == QuestionAction::Written && !generated.contains(&d.question_id) {
            questions.extend(d.question.clone());
        }
    }
    QuestionBank { questions }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{by, draft};
    use super::*;

    fn badge_draft() -> Draft {
        // Each duty names the moment it applies, so each is asked.
        draft("1.1 When on site, staff must wear their badge at all times.\n1.2 When a visitor asks, staff must not lend their badge to them.\n")
    }

    fn written(clause_id: &str) -> WrittenQuestion {
        WrittenQuestion {
            clause_id: clause_id.into(),
            stem: "A visitor asks to borrow your badge. What do you do?".into(),
            options: vec!["Refuse".into(), "Lend it".into(), "Ask a colleague".into()],
            answer: 0,
            explanation: String::new(),
        }
    }

    #[test]
    fn retired_edited_and_written_questions_shape_the_bank() {
        let mut d = badge_draft();
        let generated = d.generated_bank().questions;
        assert!(generated.len() >= 2, "{generated:#?}");
        let (first, second) = (generated[0].id.clone(), generated[1].id.clone());
        d.decide(&first, QuestionAction::Retired, None, by())
            .unwrap();
        d.decide(&second, QuestionAction::Edited, Some(&written("1.2")), by())
            .unwrap();
        let id = d.write(&written("1.1"), by()).unwrap();
        let bank = d.bank().questions;
        assert!(!bank.iter().any(|q| q.id == first));
        let edited = bank.iter().find(|q| q.id == second).unwrap();
        assert_eq!(edited.options[0], "Refuse");
        assert!(bank.iter().any(|q| q.id == id && q.clause_ids == ["1.1"]));
        assert_eq!(bank.len(), generated.len());
    }

    #[test]
    fn a_written_question_must_name_a_clause_and_a_right_option() {
        let mut d = badge_draft();
        assert!(d.write(&written("9.9"), by()).is_err());
        let mut w = written("1.1");
        w.answer = 3;
        assert!(d.write(&w, by()).is_err());
        w.answer = 0;
        w.options = vec!["Refuse".into(), "Refuse".into()];
        assert!(d.write(&w, by()).is_err());
        assert!(d.decisions.is_empty(), "nothing stored after refusals");
        assert!(d
            .decide("no-such", QuestionAction::Approved, None, by())
            .is_err());
    }
}
