//! Reviews carried to the next version: a clause whose text did not change keeps the
//! corrections and the reviewer of the version before, and so do the questions it decides.

use super::{Draft, QuestionDecision};

/// The words of a text, spacing and case aside: what "unchanged" means.
pub(super) fn same_text(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> { t.split_whitespace().map(str::to_lowercase).collect() };
    words(a) == words(b)
}

/// A clause's number inside a question id ("duty:1.2:1", "scenario:1.2") changed to `new`.
fn renumbered_id(id: &str, old: &str, new: &str) -> String {
    id.split(':')
        .map(|part| if part == old { new } else { part })
        .collect::<Vec<_>>()
        .join(":")
}

/// "Clause 1.2" in a question's words changed to `new`, but not "Clause 1.20".
fn renumbered_words(text: &str, old: &str, new: &str) -> String {
    let from = format!("Clause {old}");
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(&from) {
        let after = &rest[at + from.len()..];
        // "1.2" is not the start of "1.20" or "1.2.1".
        let digit = |t: &str| t.starts_with(|c: char| c.is_ascii_digit());
        let whole = !(digit(after) || after.strip_prefix('.').is_some_and(digit));
        out.push_str(&rest[..at]);
        out.push_str(if whole { "Clause " } else { &from });
        if whole {
            out.push_str(new);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A decision of the version before, moved to the number its unchanged clause has now.
fn moved(d: &QuestionDecision, old: &str, new: &str) -> QuestionDecision {
    let mut d = QuestionDecision {
        carried: true,
        ..d.clone()
    };
    if old == new {
        return d;
    }
    if !d.question_id.starts_with("written:") {
        d.question_id = renumbered_id(&d.question_id, old, new);
    }
    if let Some(q) = &mut d.question {
        if !q.id.starts_with("written:") {
            q.id = renumbered_id(&q.id, old, new);
        }
        for c in q.clause_ids.iter_mut().filter(|c| *c == old) {
            *c = new.to_string();
        }
        q.explanation = renumbered_words(&q.explanation, old, new);
    }
    d
}

/// Carries `previous`'s reviews into `draft` for every clause whose text is unchanged, with
/// the decisions on the questions it decides (by its number now, if it moved); returns how
/// many clauses were carried.
pub fn carry_forward(draft: &mut Draft, previous: &Draft) -> usize {
    // (number before, number now) of each carried clause.
    let mut numbers: Vec<(String, String)> = Vec::new();
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
        numbers.push((before.clause.id.clone(), id));
    }
    // A decision names its clause through its question, or the question generated then.
    let bank = previous.generated_bank();
    let clause_of = |d: &QuestionDecision| match &d.question {
        Some(q) => q.clause_ids.first().cloned(),
        None => bank
            .questions
            .iter()
            .find(|q| q.id == d.question_id)
            .and_then(|q| q.clause_ids.first().cloned()),
    };
    let decisions: Vec<QuestionDecision> = previous
        .decisions
        .iter()
        .filter_map(|d| {
            let old = clause_of(d)?;
            let (_, new) = numbers.iter().find(|(before, _)| *before == old)?;
            Some(moved(d, &old, new))
        })
        .filter(|d| draft.decision(&d.question_id).is_none())
        .collect();
    draft.decisions.extend(decisions);
    draft.clauses.iter().filter(|c| c.carried).count()
}

#[cfg(test)]
mod tests {
    use super::super::edit::Correction;
    use super::super::tests::{by, draft};
    use super::super::QuestionAction;
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

    #[test]
    fn a_renumbered_unchanged_clause_keeps_its_question_decisions() {
        let lend = "When a visitor asks, staff must not lend their badge to them.";
        let mut before = draft(&format!(
            "1.1 When on site, staff must wear their badge at all times.\n1.2 {lend}\n"
        ));
        before.correct("1.2", &Correction::default(), by()).unwrap();
        let asked: Vec<String> = before
            .generated_bank()
            .questions
            .into_iter()
            .filter(|q| q.clause_ids[0] == "1.2")
            .map(|q| q.id)
            .collect();
        assert!(!asked.is_empty());
        before
            .decide(&asked[0], QuestionAction::Retired, None, by())
            .unwrap();
        // A new first clause moves the unchanged one to 1.3.
        let mut next = draft(&format!(
            "1.1 When arriving, staff must sign in at reception.\n\
             1.2 When on site, staff must wear their badge at all times.\n1.3 {lend}\n"
        ));
        carry_forward(&mut next, &before);
        let moved_id = asked[0].replace("1.2", "1.3");
        let carried = next
            .decision(&moved_id)
            .expect("the retirement follows its clause");
        assert!(carried.carried && carried.action == QuestionAction::Retired);
        let generated = next.generated_bank().questions;
        assert!(generated.iter().any(|q| q.id == moved_id), "{generated:#?}");
        assert!(!next.bank().questions.iter().any(|q| q.id == moved_id));
        assert!(
            next.decision(&asked[0]).is_none(),
            "1.2 is another clause now"
        );
    }

    #[test]
    fn clause_numbers_in_words_change_whole() {
        assert_eq!(
            renumbered_words("Clause 1.2 decides; Clause 1.20 too.", "1.2", "1.3"),
            "Clause 1.3 decides; Clause 1.20 too."
        );
        assert_eq!(renumbered_id("duty:1.2:1", "1.2", "1.3"), "duty:1.3:1");
    }
}
