//! Reviews carried to the next version: a clause whose text did not change keeps the
//! corrections and the reviewer of the version before, and so do the questions it decides.

use super::{Draft, QuestionDecision};

/// The words of a text, spacing and case aside: what "unchanged" means.
pub(super) fn same_text(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> { t.split_whitespace().map(str::to_lowercase).collect() };
    words(a) == words(b)
}

/// Carries `previous`'s reviews into `draft` for every clause whose text is unchanged;
/// returns how many clauses were carried.
pub fn carry_forward(draft: &mut Draft, previous: &Draft) -> usize {
    let mut carried_ids = Vec::new();
    for item in draft.clauses.iter_mut().filter(|c| c.reviewed.is_none()) {
        let Some(before) = previous.clauses.iter().find(|p| {
            !p.reshaped && p.reviewed.is_some() && same_text(&p.original_text, &item.original_text)
        }) else {
            continue;
        };
        let (id, section) = (item.clause.id.clone(), item.clause.section.clone());
        item.clause = before.clause.clone();
        item.clause.id = id.clone();
        item.clause.section = section;
        item.taught = before.taught;
        item.reviewed = before.reviewed.clone();
        item.carried = true;
        if before.clause.id == id {
            carried_ids.push(id);
        }
    }
    // A decision follows its clause only where the clause kept its number, as question ids
    // and written questions name clauses by number.
    let bank = draft.generated_bank();
    let follows = |d: &QuestionDecision| {
        let clause = match &d.question {
            Some(q) => q.clause_ids.first().cloned(),
            None => bank
                .questions
                .iter()
                .find(|q| q.id == d.question_id)
                .and_then(|q| q.clause_ids.first().cloned()),
        };
        clause.is_some_and(|c| carried_ids.contains(&c))
    };
    let decisions: Vec<QuestionDecision> = previous
        .decisions
        .iter()
        .filter(|d| follows(d) && draft.decision(&d.question_id).is_none())
        .map(|d| QuestionDecision {
            carried: true,
            ..d.clone()
        })
        .collect();
    draft.decisions.extend(decisions);
    draft.clauses.iter().filter(|c| c.carried).count()
}

#[cfg(test)]
mod tests {
    use super::super::edit::Correction;
    use super::super::tests::{by, draft};
    use super::*;
    use crate::clauses::Modality;

    #[test]
    fn only_unchanged_clauses_keep_their_review() {
        let mut before = draft(
            "1.1 Staff should report a lost badge to the office.\n1.2 Staff must wear a badge.\n",
        );
        let must = Correction {
            strength: Some(Modality::Must),
            ..Correction::default()
        };
        before.correct("1.1", &must, by()).unwrap();
        before.correct("1.2", &must, by()).unwrap();
        let mut next = draft(
            "1.1 Staff should report a lost badge to the office.\n1.2 Staff must wear a red badge.\n",
        );
        assert_eq!(carry_forward(&mut next, &before), 1);
        assert_eq!(next.clauses[0].clause.modality, Modality::Must);
        assert!(next.clauses[0].carried && next.clauses[0].reviewed.is_some());
        assert!(next.clauses[1].reviewed.is_none(), "its text changed");
    }
}
