//! The moment a duty names outside an opening "If …": in its subject ("Any member of staff who
//! has a concern about a colleague should report it …" is met when you have a concern about a
//! colleague) or after its action ("lock your screen when you leave your desk"). Whistleblowing
//! and low-level concerns policies put their moment in the subject, so without it their duties
//! had none and went unasked.

use super::holders::Holder;
use super::parsed::ParsedDuty;
use super::stem_check::condition_for_reader;
use regex::Regex;
use std::sync::LazyLock;

/// "Any member of staff who …, should": the reader named with a relative clause, up to the modal.
static WHO: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:any|all|every|a|an)?\s*(members? of staff|staff members?|staff|employees?|colleagues?|volunteers?|workers?|anyone|those)\s+who(?:,[^,]+,)?\s+(.+?)\s+(?:should|must|will|shall|may|needs? to|(?:is|are) (?:required|expected|encouraged|advised) to)\b")
        .ok()
});

/// Subjects that take a singular verb ("a member of staff wishes").
const SINGULAR: [&str; 7] = [
    "member of staff",
    "staff member",
    "employee",
    "colleague",
    "volunteer",
    "worker",
    "anyone",
];

/// The reader's duty with the moment its subject names said as its condition; none when the
/// sentence has a condition already, is not the reader's, or its subject names no moment.
pub(crate) fn subject_moment(sentence: &str, p: &ParsedDuty) -> Option<ParsedDuty> {
    if p.holder != Holder::Reader || p.condition.is_some() {
        return None;
    }
    let caps = WHO.as_ref()?.captures(sentence.trim())?;
    let who = caps.get(1)?.as_str().to_lowercase();
    // ", acting in good faith," is an aside inside the relative clause (the pattern skips it),
    // not part of the moment.
    let clause = caps.get(2)?.as_str();
    if clause.contains([',', ';', '(', ':']) || clause.split_whitespace().count() > 14 {
        return None;
    }
    let subject = if SINGULAR.iter().any(|s| who == *s) {
        "a member of staff"
    } else {
        "staff"
    };
    let condition = condition_for_reader(&format!("If {subject} {}", clause.trim()), true)?;
    // "If you who …" or a subject left in the third person: the clause did not turn to "you".
    if !condition.starts_with("If you ") {
        return None;
    }
    Some(ParsedDuty {
        condition: Some(condition),
        ..p.clone()
    })
}

/// Words after which the rest of an action is the moment it is taken in ("lock your screen when
/// you leave your desk").
const MOMENTS: [&str; 6] = [
    " when ",
    " whenever ",
    " before ",
    " if ",
    " while ",
    " whilst ",
];

/// The reader's duty with its moment moved to the front, where the policy put it after the
/// action: "lock your screen when you leave your desk" is asked "When you leave your desk, do
/// you have to lock your screen?". None when the action names no moment, or the moment is long
/// or carries a further rule.
pub(crate) fn trailing_moment(p: &ParsedDuty) -> Option<ParsedDuty> {
    if p.condition.is_some() || p.holder != Holder::Reader {
        return None;
    }
    let (at, word) = MOMENTS
        .iter()
        .filter_map(|m| p.action.find(m).map(|i| (i, *m)))
        .min_by_key(|(i, _)| *i)?;
    let action = p.action[..at].trim_end_matches(',').trim();
    let moment = p.action[at + 1..].trim().trim_end_matches(['.', ';']);
    let moment_words = moment.split_whitespace().count();
    // The action keeps a verb and an object; the moment is one short clause of its own.
    if action.split_whitespace().count() < 2
        || !(3..=14).contains(&moment_words)
        || moment.contains([',', ';', '(', ':'])
        || [" and ", " or "].iter().any(|j| moment.contains(j))
        || word == " if " && moment.starts_with("if necessary")
    {
        return None;
    }
    Some(ParsedDuty {
        condition: Some(moment.to_string()),
        action: action.to_string(),
        ..p.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_who_meets_a_moment_gives_the_duty_its_condition() {
        let p = ParsedDuty::readers("report it to the head");
        let said = |s: &str| subject_moment(s, &p).and_then(|q| q.condition);
        assert_eq!(
            said("Any member of staff who has a worry about a colleague should report it to the head.").as_deref(),
            Some("If you have a worry about a colleague")
        );
        assert_eq!(
            said("Staff who are unhappy with the outcome may take it to the chair.").as_deref(),
            Some("If you are unhappy with the outcome")
        );
        assert_eq!(
            said("An employee who, in good faith, wishes to raise a concern must tell the head.")
                .as_deref(),
            Some("If you wish to raise a concern")
        );
    }

    #[test]
    fn a_subject_with_no_moment_or_someone_elses_is_left_alone() {
        let p = ParsedDuty::readers("report it to the head");
        assert!(subject_moment("Staff should report it to the head.", &p).is_none());
        assert!(
            subject_moment("Parents who are worried should report it to the head.", &p).is_none()
        );
        let mut theirs = p.clone();
        theirs.holder = Holder::Thing("Records".into());
        assert!(subject_moment("Staff who leave should report it to the head.", &theirs).is_none());
    }

    #[test]
    fn a_moment_written_after_the_action_is_moved_before_it() {
        let p = ParsedDuty {
            holder: Holder::Reader,
            condition: None,
            action: "lock your screen when you leave your desk".into(),
            negation_in_action: false,
            only: false,
        };
        let moved = trailing_moment(&p).expect("a moment");
        assert_eq!(moved.condition.as_deref(), Some("when you leave your desk"));
        assert_eq!(moved.action, "lock your screen");
        for none in [
            "lock your screen",
            "report concerns if necessary to the DSL",
            "keep records when you visit, and share them",
            "act when asked",
        ] {
            let q = ParsedDuty {
                action: none.into(),
                ..p.clone()
            };
            assert!(trailing_moment(&q).is_none(), "{none}");
        }
    }
}
