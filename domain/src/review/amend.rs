//! Local amendments: a school's own changes to its trust's model policy.
//!
//! A school that adopts a **model policy** starts from the trust's reviewed reading of it. The
//! clauses the school then corrects for itself (wording, strength, holder, taught or not) are its
//! **amendments**: its reading differs from the model's for the same text. When the trust
//! publishes the model again, each school's copy starts from the trust's new review, and the
//! school's amendments are applied again to every clause whose text the model kept. An amendment
//! to a clause the model changed or removed cannot follow it: it is returned as lost, for the
//! school to look at again.

use super::carry::same_text;
use super::{Draft, DraftClause, QuestionDecision};

/// A school's copy of a new model version, with its amendments applied again.
#[derive(Debug, Clone, PartialEq)]
pub struct Reapplied {
    /// The school's draft: the trust's review, then the school's amendments.
    pub draft: Draft,
    /// How many amendments were applied again.
    pub kept: usize,
    /// The school's amended clauses (as they read in its copy) whose text the model changed.
    pub lost: Vec<String>,
}

/// True when the two readings of the same text differ in what staff would be taught.
fn differs(school: &DraftClause, model: &DraftClause) -> bool {
    school.taught != model.taught
        || school.clause.text != model.clause.text
        || school.clause.modality != model.clause.modality
        || school.clause.audience != model.clause.audience
}

/// The school's amendments: its clauses that read differently from the model's clause with the
/// same text, and those it split or joined.
pub fn amendments<'a>(school: &'a Draft, model: &Draft) -> Vec<&'a DraftClause> {
    school
        .clauses
        .iter()
        .filter(|s| {
            s.reshaped
                || model
                    .clauses
                    .iter()
                    .find(|m| !m.reshaped && same_text(&m.original_text, &s.original_text))
                    .is_none_or(|m| differs(s, m))
        })
        .collect()
}

/// The school's question decisions that the model's review did not make.
fn own_decisions<'a>(school: &'a Draft, model: &Draft) -> Vec<&'a QuestionDecision> {
    school
        .decisions
        .iter()
        .filter(|d| {
            model
                .decision(&d.question_id)
                .is_none_or(|m| m.action != d.action || m.question != d.question)
        })
        .collect()
}

/// The school's copy of `model_new`: the trust's review, with the amendments the school made to
/// `model_old` (its copy of which is `school_old`) applied again where the model kept the text.
pub fn reapply(model_new: &Draft, model_old: &Draft, school_old: &Draft) -> Reapplied {
    let mut draft = model_new.clone();
    let (mut kept, mut lost) = (0, Vec::new());
    for amended in amendments(school_old, model_old) {
        let target = draft
            .clauses
            .iter_mut()
            .find(|c| !amended.reshaped && same_text(&c.original_text, &amended.original_text));
        let Some(item) = target else {
            lost.push(amended.clause.id.clone());
            continue;
        };
        let (id, section) = (item.clause.id.clone(), item.clause.section.clone());
        item.clause = amended.clause.clone();
        item.clause.id = id;
        item.clause.section = section;
        item.taught = amended.taught;
        item.reviewed = amended.reviewed.clone();
        item.carried = true;
        kept += 1;
    }
    let own: Vec<QuestionDecision> = own_decisions(school_old, model_old)
        .into_iter()
        .filter(|d| draft.decision(&d.question_id).is_none())
        .map(|d| QuestionDecision {
            carried: true,
            ..d.clone()
        })
        .collect();
    draft.decisions.extend(own);
    Reapplied { draft, kept, lost }
}

#[cfg(test)]
mod tests {
    use super::super::edit::Correction;
    use super::super::tests::{by, draft};
    use super::*;
    use crate::clauses::Modality;

    const MODEL: &str = "1.1 Staff should report a lost badge to the office.\n\
                         1.2 Staff must wear a badge.\n\
                         1.3 Staff must sign visitors in.\n";

    fn must() -> Correction {
        Correction {
            strength: Some(Modality::Must),
            ..Correction::default()
        }
    }

    #[test]
    fn a_school_s_correction_is_an_amendment_and_the_model_s_own_review_is_not() {
        let mut model = draft(MODEL);
        model.correct("1.3", &Correction::default(), by()).unwrap();
        let mut school = model.clone();
        assert!(amendments(&school, &model).is_empty());
        school.correct("1.1", &must(), by()).unwrap();
        let amended: Vec<&str> = amendments(&school, &model)
            .iter()
            .map(|c| c.clause.id.as_str())
            .collect();
        assert_eq!(amended, vec!["1.1"]);
    }

    #[test]
    fn amendments_follow_kept_text_and_are_lost_where_the_model_changed_it() {
        let model_old = draft(MODEL);
        let mut school_old = model_old.clone();
        school_old.correct("1.1", &must(), by()).unwrap();
        let not_taught = Correction {
            taught: Some(false),
            ..Correction::default()
        };
        school_old.correct("1.3", &not_taught, by()).unwrap();
        // The trust rewrites 1.3 and adds a clause before it: 1.1 keeps its text, 1.3 does not.
        let model_new = draft(
            "1.1 Staff should report a lost badge to the office.\n\
             1.2 Staff must wear a badge.\n\
             1.3 Staff must escort visitors.\n\
             1.4 Staff must sign every visitor in and out.\n",
        );
        let r = reapply(&model_new, &model_old, &school_old);
        assert_eq!((r.kept, r.lost.clone()), (1, vec!["1.3".to_string()]));
        assert_eq!(r.draft.clauses[0].clause.modality, Modality::Must);
        assert_eq!(r.draft.clauses[0].clause.id, "1.1");
        assert!(r.draft.clauses.iter().skip(1).all(|c| c.taught));
        assert_eq!(r.draft.clauses.len(), 4);
    }

    #[test]
    fn with_no_amendments_the_copy_is_the_trust_s_review() {
        let model_old = draft(MODEL);
        let mut model_new = draft(MODEL);
        model_new.correct("1.2", &must(), by()).unwrap();
        let r = reapply(&model_new, &model_old, &model_old.clone());
        assert_eq!(r.draft, model_new);
        assert_eq!((r.kept, r.lost.len()), (0, 0));
    }
}
