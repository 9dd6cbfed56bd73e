//! A manager's corrections to clauses: strength, holder, taught or not, wording, split, join.
//!
//! Every change marks the clause as looked at, and withdraws approvals of the questions it
//! decides: they were approved as the clause read before.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::{Draft, DraftClause, QuestionAction, Reviewed};
use crate::clauses::{modality_of, topics_of, Audience, Clause, Duty, Modality};
use crate::error::DomainError;

/// The longest wording a clause may be given.
const MAX_TEXT: usize = 5_000;

/// `PUT /api/drafts/{id}/clauses/{clause_id}`: what to change; nothing given means "looked at, right as read".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Correction {
    /// The clause's strength.
    #[serde(default)]
    pub strength: Option<Modality>,
    /// Who holds the duty.
    #[serde(default)]
    pub holder: Option<Audience>,
    /// False for furniture and definitions.
    #[serde(default)]
    pub taught: Option<bool>,
    /// New wording (the original is kept beside it).
    #[serde(default)]
    pub text: Option<String>,
}

/// A clause's sentences: split after `.`, `!` or `?` followed by a space and a capital or digit.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        let ends = matches!(c, '.' | '!' | '?');
        if ends && chars.peek().is_some_and(|n| n.is_whitespace()) {
            let rest: String = chars
                .clone()
                .skip_while(|n| n.is_whitespace())
                .take(1)
                .collect();
            if rest
                .chars()
                .next()
                .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit())
            {
                out.push(current.trim().to_string());
                current.clear();
            }
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// The clause's strength: its strongest sentence.
fn strongest(duties: &[Duty]) -> Modality {
    duties
        .iter()
        .map(|d| d.modality)
        .max()
        .unwrap_or(Modality::Info)
}

/// The modal phrases a sentence states its strength with, longest first.
pub(super) static MODAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(must not|mustn't|must|should not|shouldn't|should|shall not|shall|will not|won't|will|may not|may|cannot|can not|can|ought to|(?:is|are) (?:required|expected|obliged) to|needs? to|ha(?:ve|s) to)\b",
    )
    .ok()
});

/// A sentence said at `strength`: its first modal phrase replaced ("should wear" → "must
/// wear"), so lessons and questions, which read the words, teach the corrected strength.
/// The clause's own text keeps the policy's words.
fn restate(sentence: &str, strength: Modality) -> String {
    let word = match strength {
        Modality::Must => "must",
        Modality::MustNot => "must not",
        Modality::Should => "should",
        Modality::ShouldNot => "should not",
        Modality::May => "may",
        Modality::Info => return sentence.to_string(),
    };
    let Some(found) = MODAL.as_ref().and_then(|re| re.find(sentence)) else {
        return sentence.to_string();
    };
    let word = if found.start() == 0 {
        let mut c = word.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        word.to_string()
    };
    format!(
        "{}{word}{}",
        &sentence[..found.start()],
        &sentence[found.end()..]
    )
}

/// Sets every binding (or, with none, every) sentence of a clause to `strength`.
fn set_strength(clause: &mut Clause, strength: Modality) {
    let any_binding = clause.duties.iter().any(|d| d.modality != Modality::Info);
    for d in &mut clause.duties {
        if strength == Modality::Info || !any_binding || d.modality != Modality::Info {
            d.modality = strength;
            d.text = restate(&d.text, strength);
        }
    }
    clause.modality = strength;
}

/// Gives a clause new wording: its sentences and topics are read again; its holder stays.
fn reword(clause: &mut Clause, text: &str) -> Result<(), DomainError> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_TEXT {
        return Err(DomainError::Invalid(format!(
            "enter the clause's wording (up to {MAX_TEXT} characters)"
        )));
    }
    clause.text = text.to_string();
    clause.duties = sentences(text)
        .into_iter()
        .map(|s| Duty {
            modality: modality_of(&s),
            text: s,
        })
        .collect();
    clause.modality = strongest(&clause.duties);
    clause.topics = topics_of(text);
    Ok(())
}

impl Draft {
    fn clause_at(&self, clause_id: &str) -> Result<usize, DomainError> {
        self.position(clause_id)
            .ok_or_else(|| DomainError::Invalid(format!("there is no clause {clause_id}")))
    }

    /// Withdraws approvals of questions that `clause_id` decides.
    fn unapprove(&mut self, clause_id: &str) {
        let deciding: Vec<String> = self
            .generated_bank()
            .questions
            .into_iter()
            .filter(|q| q.clause_ids.first().map(String::as_str) == Some(clause_id))
            .map(|q| q.id)
            .collect();
        self.decisions
            .retain(|d| d.action != QuestionAction::Approved || !deciding.contains(&d.question_id));
    }

    /// Applies a correction to one clause and marks it looked at.
    pub fn correct(
        &mut self,
        clause_id: &str,
        correction: &Correction,
        by: Reviewed,
    ) -> Result<(), DomainError> {
        let at = self.clause_at(clause_id)?;
        let changes = correction.strength.is_some()
            || correction.holder.is_some()
            || correction.text.is_some()
            || correction
                .taught
                .is_some_and(|t| t != self.clauses[at].taught);
        if changes {
            self.unapprove(clause_id);
        }
        let item = &mut self.clauses[at];
        if let Some(text) = &correction.text {
            reword(&mut item.clause, text)?;
        }
        if let Some(strength) = correction.strength {
            set_strength(&mut item.clause, strength);
        }
        if let Some(holder) = correction.holder {
            item.clause.audience = vec![holder];
        }
        super::holder::give_corrected(item, correction);
        if let Some(taught) = correction.taught {
            item.taught = taught;
        }
        item.reviewed = Some(by);
        item.carried = false;
        Ok(())
    }

    /// Splits a clause before its sentence `at` (1 or more): the second part gets a new id.
    pub fn split(
        &mut self,
        clause_id: &str,
        at: usize,
        by: Reviewed,
    ) -> Result<String, DomainError> {
        let pos = self.clause_at(clause_id)?;
        let count = self.clauses[pos].clause.duties.len();
        if at == 0 || at >= count {
            return Err(DomainError::Invalid(format!(
                "choose where to split: after sentence 1 to {}",
                count.saturating_sub(1)
            )));
        }
        self.unapprove(clause_id);
        let id = self.free_id(clause_id);
        let first = &mut self.clauses[pos];
        let tail = first.clause.duties.split_off(at);
        let mut second = first.clone();
        for (part, duties) in [(&mut *first, None), (&mut second, Some(tail))] {
            if let Some(duties) = duties {
                part.clause.duties = duties;
                part.clause.id = id.clone();
            }
            part.clause.text = part
                .clause
                .duties
                .iter()
                .map(|d| d.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            part.clause.modality = strongest(&part.clause.duties);
            part.clause.topics = topics_of(&part.clause.text);
            part.reshaped = true;
            part.carried = false;
            part.reviewed = Some(by.clone());
        }
        self.clauses.insert(pos + 1, second);
        Ok(id)
    }

    /// Joins a clause with the one after it in the document.
    pub fn join(&mut self, clause_id: &str, by: Reviewed) -> Result<(), DomainError> {
        let pos = self.clause_at(clause_id)?;
        if pos + 1 >= self.clauses.len() {
            return Err(DomainError::Invalid(format!(
                "clause {clause_id} is the last one: there is none after it to join"
            )));
        }
        let next_id = self.clauses[pos + 1].clause.id.clone();
        self.unapprove(clause_id);
        self.unapprove(&next_id);
        let next: DraftClause = self.clauses.remove(pos + 1);
        let item = &mut self.clauses[pos];
        item.clause.text = format!("{}\n{}", item.clause.text, next.clause.text);
        item.original_text = format!("{}\n{}", item.original_text, next.original_text);
        item.clause.duties.extend(next.clause.duties);
        item.clause.modality = strongest(&item.clause.duties);
        for a in next.clause.audience {
            if !item.clause.audience.contains(&a) {
                item.clause.audience.push(a);
            }
        }
        item.clause.topics = topics_of(&item.clause.text);
        item.taught = item.taught || next.taught;
        item.reshaped = true;
        item.carried = false;
        item.reviewed = Some(by);
        Ok(())
    }

    /// An id not yet used: `3.1b`, `3.1c` …
    fn free_id(&self, base: &str) -> String {
        ('b'..='z')
            .map(|c| format!("{base}{c}"))
            .chain((2..).map(|n| format!("{base}-{n}")))
            .find(|id| self.position(id).is_none())
            .unwrap_or_else(|| format!("{base}-x"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{by, draft};
    use super::*;

    #[test]
    fn a_corrected_strength_reaches_every_binding_sentence_and_the_original_stays() {
        let mut d =
            draft("1.1 If a badge goes missing, staff should report the loss to the office.\n");
        let c = Correction {
            strength: Some(Modality::Must),
            ..Correction::default()
        };
        d.correct("1.1", &c, by()).unwrap();
        let item = &d.clauses[0];
        assert_eq!(item.clause.modality, Modality::Must);
        assert!(item
            .clause
            .duties
            .iter()
            .all(|x| x.modality == Modality::Must));
        assert_eq!(item.original_modality, Modality::Should);
        assert!(item.reviewed.is_some());
        assert_eq!(
            item.clause.duties[0].text,
            "If a badge goes missing, staff must report the loss to the office."
        );
        assert!(
            item.clause.text.contains("should"),
            "the policy's words stay"
        );
        let asked = d.generated_bank().questions;
        assert!(
            asked
                .iter()
                .any(|q| q.clause_ids[0] == "1.1" && q.options[q.answer].contains("you must")),
            "{asked:#?}"
        );
    }

    #[test]
    fn a_restated_sentence_keeps_its_capital_and_the_rest_of_its_words() {
        assert_eq!(
            restate("Staff are required to sign in.", Modality::Should),
            "Staff should sign in."
        );
        assert_eq!(
            restate("Will you lock it?", Modality::Must),
            "Must you lock it?"
        );
        assert_eq!(
            restate("Badges are blue.", Modality::Must),
            "Badges are blue."
        );
    }

    #[test]
    fn splitting_and_joining_keep_every_sentence() {
        let mut d = draft(
            "1.1 Staff must lock their screens. Staff should close the door.\n1.2 Staff must wear a badge.\n",
        );
        let id = d.split("1.1", 1, by()).unwrap();
        assert_eq!(id, "1.1b");
        assert_eq!(d.clauses.len(), 3);
        assert_eq!(d.clauses[0].clause.modality, Modality::Must);
        assert_eq!(d.clauses[1].clause.modality, Modality::Should);
        assert!(d.split("1.1", 1, by()).is_err(), "one sentence left");
        d.join("1.1b", by()).unwrap();
        assert_eq!(d.clauses.len(), 2);
        assert!(d.clauses[1].clause.text.contains("badge"));
        assert!(
            d.join("1.1b", by()).is_err(),
            "nothing after the last clause"
        );
    }

    #[test]
    fn new_wording_is_read_again_and_an_empty_one_refused() {
        let mut d = draft("1.1 Staff should report a lost badge to the office.\n");
        let c = Correction {
            text: Some("Staff must not lend their badge to anyone. Badges are blue.".into()),
            ..Correction::default()
        };
        d.correct("1.1", &c, by()).unwrap();
        assert_eq!(d.clauses[0].clause.modality, Modality::MustNot);
        assert_eq!(d.clauses[0].clause.duties.len(), 2);
        assert!(d.clauses[0].original_text.contains("lost badge"));
        let empty = Correction {
            text: Some("  ".into()),
            ..Correction::default()
        };
        assert!(d.correct("1.1", &empty, by()).is_err());
    }

    #[test]
    fn a_clause_not_taught_leaves_the_published_set() {
        let mut d = draft(
            "1.1 Staff must wear a badge.\n1.2 In this policy, staff means anyone employed.\n",
        );
        let c = Correction {
            taught: Some(false),
            ..Correction::default()
        };
        d.correct("1.2", &c, by()).unwrap();
        let ids: Vec<String> = d.clause_set().clauses.into_iter().map(|c| c.id).collect();
        assert!(!ids.contains(&"1.2".to_string()), "{ids:?}");
        assert!(ids.contains(&"1.1".to_string()));
    }
}
