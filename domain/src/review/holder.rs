//! A duty the manager gives to someone other than staff: each sentence whose subject is the
//! reader ("they must", "staff must") names the holder instead, so lessons and questions,
//! which read a sentence's subject before the clause's audience, stop putting it to the
//! reader. The clause's own text keeps the policy's words.

use super::edit::{Correction, MODAL};
use super::DraftClause;
use crate::clauses::{Audience, Clause};

/// Subjects that put a sentence to the reader (or to no one named).
const READER_SUBJECTS: [&str; 6] = ["they", "you", "we", "staff", "employees", "colleagues"];

/// How a sentence names a holder other than the reader; none for the reader's own.
fn name_of(holder: Audience) -> Option<&'static str> {
    match holder {
        Audience::Staff | Audience::Volunteers => None,
        Audience::Headteacher => Some("the headteacher"),
        Audience::Governors => Some("governors"),
        Audience::ParentsCarers => Some("parents and carers"),
        Audience::Pupils => Some("pupils"),
        Audience::School => Some("the school"),
        Audience::Visitors => Some("visitors"),
    }
}

/// `sentence` with the reader as its subject replaced by `name` ("When a contractor arrives,
/// they must sign in" → "…, visitors must sign in"); unchanged if someone else is its subject.
fn restate_subject(sentence: &str, name: &str) -> String {
    let Some(found) = MODAL.as_ref().and_then(|re| re.find(sentence)) else {
        return sentence.to_string();
    };
    let before = sentence[..found.start()].trim_end();
    let word_at = |text: &str| {
        text.rfind(|c: char| c.is_whitespace() || c == ',')
            .map_or(0, |i| i + 1)
    };
    let mut start = word_at(before);
    if !READER_SUBJECTS.contains(&before[start..].to_lowercase().as_str()) {
        return sentence.to_string();
    }
    // "All staff must …": the quantifier goes with the subject.
    let head = before[..start].trim_end();
    if head.to_lowercase().ends_with("all") && word_at(head) == head.len() - 3 {
        start = head.len() - 3;
    }
    let name = if start == 0 {
        let mut c = name.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        name.to_string()
    };
    format!("{}{name}{}", &before[..start], &sentence[before.len()..])
}

/// After a correction of holder or wording: a clause whose holder was corrected to one other
/// than the engine read has its sentences given to them (new wording is read again).
pub(super) fn give_corrected(item: &mut DraftClause, correction: &Correction) {
    if correction.holder.is_none() && correction.text.is_none() {
        return;
    }
    if let [holder] = item.clause.audience.as_slice() {
        if item.clause.audience != item.original_audience {
            let holder = *holder;
            give_to(&mut item.clause, holder);
        }
    }
}

/// Gives every sentence of `clause` whose subject is the reader to `holder`, if someone else.
fn give_to(clause: &mut Clause, holder: Audience) {
    let Some(name) = name_of(holder) else {
        return;
    };
    for duty in &mut clause.duties {
        duty.text = restate_subject(&duty.text, name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readers_subject_names_the_new_holder_and_others_stay() {
        let cases = [
            (
                "When a contractor arrives, they must sign in at reception.",
                "When a contractor arrives, visitors must sign in at reception.",
            ),
            (
                "All staff must check the register.",
                "The headteacher must check the register.",
            ),
            (
                "Staff should not lend their badge.",
                "The headteacher should not lend their badge.",
            ),
            (
                "The office must keep the register.",
                "The office must keep the register.",
            ),
            ("Check the register.", "Check the register."),
        ];
        for (i, (before, after)) in cases.into_iter().enumerate() {
            let name = if i == 0 {
                "visitors"
            } else {
                "the headteacher"
            };
            assert_eq!(restate_subject(before, name), after);
        }
    }

    #[test]
    fn a_duty_given_to_visitors_is_no_longer_put_to_the_reader() {
        use super::super::tests::{by, draft};
        let mut d = draft("1.1 When a contractor arrives, they must sign in at reception.\n");
        let yours = |d: &super::super::Draft| {
            d.generated_bank()
                .questions
                .into_iter()
                .filter(|q| q.options[q.answer].contains("you must sign in"))
                .count()
        };
        assert_eq!(yours(&d), 1, "read as the reader's at first");
        let visitors = Correction {
            holder: Some(Audience::Visitors),
            ..Correction::default()
        };
        d.correct("1.1", &visitors, by()).unwrap();
        assert_eq!(yours(&d), 0);
        assert!(
            d.clauses[0].clause.text.contains("they must"),
            "the policy's words stay"
        );
        // New wording read again is given to them too.
        let reworded = Correction {
            text: Some("When a contractor arrives, they must sign in and wear a badge.".into()),
            ..Correction::default()
        };
        d.correct("1.1", &reworded, by()).unwrap();
        assert_eq!(
            d.clauses[0].clause.duties[0].text,
            "When a contractor arrives, visitors must sign in and wear a badge."
        );
    }
}
