//! A duty read as a careful person reads it: who holds it, under what condition, and the action
//! they are to take, in base form, so questions can say it at any strength and stay grammatical.

use super::condition::{split_condition, CONDITION_WORDS};
use super::holders::{audience_holder, subject_holder, Holder, SCHOOL};
use super::person::to_second_person;
use crate::clauses::{Audience, Clause, Duty, Modality};
use crate::module::tidy;
use action::{action, says_negation};
use regex::Regex;
use std::sync::LazyLock;

/// The modal phrase that splits a duty into who and what. Longest first, so "must not" wins.
static MODAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(must not|must never|must|should not|should never|should|shall not|shall|will not|will|may not|are not to|is not to|are to|is to|(?:are|is) (?:required|expected|obliged) to|(?:are|is) (?:strongly )?(?:advised|encouraged|recommended) (?:not )?to|(?:are|is) not (?:permitted|allowed) to|(?:have|has) a (?:duty|responsibility) to|needs? to|(?:have|has) to|it is (?:a good idea|good practice|best practice|advisable|important|essential|vital) to)\b",
    )
    .ok()
});
/// "may" as a permission given to someone ("Staff may use …"), and the other words policies give
/// one with: "You can raise …", "Staff are entitled to …", "Employees have the right to …".
static PERMISSION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:may|can|(?:is|are) (?:also )?(?:entitled|permitted|allowed|free|welcome) to|(?:has|have) the right to)\b").ok()
});

/// Verbs after "may" that say what could happen, not what someone is allowed to do.
const POSSIBLE: [&str; 22] = [
    "fear",
    "worry",
    "suffer",
    "lose",
    "be",
    "find",
    "need",
    "have",
    "feel",
    "become",
    "receive",
    "experience",
    "arise",
    "include",
    "wish",
    "want",
    "result",
    "lead",
    "occur",
    "seem",
    "appear",
    "face",
];

/// Openings of an entry that forbid what follows.
const NEGATIVE_OPENINGS: [&str; 5] = ["do not ", "don't ", "don’t ", "never ", "not "];
/// First words of a "subject" that is really an instruction ("Let …", "Tell …").
const IMPERATIVE_SUBJECTS: [&str; 8] = [
    "let", "tell", "ensure", "make", "remember", "note", "explain", "please",
];
/// A duty split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedDuty {
    pub holder: Holder,
    /// "If a child discloses abuse" — said before the holder, as the policy says it.
    pub condition: Option<String>,
    /// The action in base form, without its modal: "keep your passwords private".
    pub action: String,
    /// True when the action carries the duty's negation itself ("avoid …", "ensure that they
    /// do not …"), so the right option is the action at the positive strength.
    pub negation_in_action: bool,
    /// True when the duty restricts the action to a way or place ("may only", "should only").
    pub only: bool,
}

impl ParsedDuty {
    /// The reader's own plain duty to do `action`, for tests of what is made of it.
    #[cfg(test)]
    pub(crate) fn readers(action: &str) -> ParsedDuty {
        ParsedDuty {
            holder: Holder::Reader,
            condition: None,
            action: action.into(),
            negation_in_action: false,
            only: false,
        }
    }
}

/// Reads a duty of `clause`; none when it does not split into a holder and a base-form action.
pub(crate) fn parse(clause: &Clause, duty: &Duty) -> Option<ParsedDuty> {
    let text = tidy(&duty.text);
    // A permission is read at its own "may"; the other modals are not its strength.
    let permission = duty.modality == Modality::May;
    let modal = if permission {
        PERMISSION.as_ref()?
    } else {
        MODAL.as_ref()?
    };
    let mut found = modal.find(&text);
    // "Where personal information needs to be taken off site, staff must follow …": a modal
    // inside the opening condition is not the duty's; the one after the comma is.
    if let Some(m) = found {
        let opening = text[..m.start()].trim();
        let conditional = opening
            .split_whitespace()
            .next()
            .is_some_and(|w| CONDITION_WORDS.contains(&w.to_lowercase().as_str()));
        if conditional && !opening.contains(',') {
            if let Some(comma) = text[m.end()..].find(", ") {
                let rest = m.end() + comma + 2;
                found = modal.find_at(&text, rest).or(found);
            }
        }
    }
    // "Be mindful of the need to provide …": a noun, not a modal; the sentence is its own duty.
    if let Some(m) = found {
        let noun = ["the", "a", "any", "no"].iter().any(|d| {
            text[..m.start()]
                .to_lowercase()
                .ends_with(&format!(" {d} "))
        });
        if noun && m.as_str().to_lowercase().starts_with("need") {
            return None;
        }
    }
    let (before, after) = match found {
        Some(m) => (text[..m.start()].trim(), text[m.end()..].trim()),
        None => ("", text.as_str()),
    };
    let (mut condition, subject) = split_condition(before);
    // "If working after dark, ensure …": an instruction's condition comes before it.
    let after = match (found, split_condition(after)) {
        (None, (Some(cond), rest)) if condition.is_none() => {
            condition = Some(cond);
            rest
        }
        _ => after,
    };
    // A condition whose end could not be found hides who acts: no holder can be read from it.
    let first = subject
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if condition.is_none() && CONDITION_WORDS.contains(&first.as_str()) {
        return None;
    }
    let (holder, person_first) = if found.is_some() && subject.is_empty() {
        // "It is a good idea to …" advises whoever reads it; "it is essential to maintain the
        // privacy of our families" is the school speaking of its own aim.
        if speaks_as_we(after) {
            (school(), false)
        } else {
            (Holder::Reader, false)
        }
    } else if found.is_none() {
        // "The welfare officer is responsible for …" is the officer's, not the reader's to be
        // asked as theirs.
        if super::responsible::responsible(&text).is_some_and(|h| matches!(h, Holder::Role { .. }))
        {
            return None;
        }
        // A list entry or an imperative: its holder is the clause's audience.
        (audience_holder(clause), false)
    } else {
        let s = subject.to_lowercase();
        // A provider writing to parents ("I will keep your child's records …") is not the
        // reader: the clause's audience says whose "I" it is.
        let provider = s == "i"
            && clause.audience.contains(&Audience::School)
            && !clause.audience.contains(&Audience::Staff);
        if provider {
            (audience_holder(clause), false)
        } else {
            match subject_holder(&s, subject, after) {
                Some(holder) => (holder, s == "i"),
                // "If your concern is about the head, it should be raised with the chair": the
                // pronoun stands for what the condition names, a thing the duty is about.
                None if condition.is_some() && matches!(s.as_str(), "it" | "they") => {
                    (Holder::Thing(s.clone()), false)
                }
                None => return None,
            }
        }
    };
    if IMPERATIVE_SUBJECTS.contains(
        &subject
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase()
            .as_str(),
    ) {
        // "Let the individual know that you will …": the duty is inside a clause of its own.
        return None;
    }
    if let Holder::Thing(thing) = &holder {
        // "There are no circumstances that will justify …" has no holder: it is a statement.
        if thing.to_lowercase().starts_with("there ") {
            return None;
        }
        // "In summary, the following are NOT acceptable and must …": a lead-in about a list,
        // whose second verb has no subject of its own to say.
        let lower = thing.to_lowercase();
        let last = lower.rsplit(' ').next().unwrap_or("");
        if thing.split_whitespace().count() > 8
            || thing.contains(',')
            || lower.contains("the following")
            || matches!(last, "and" | "or" | "but")
        {
            return None;
        }
    }
    let modal_negative = match found {
        Some(m) => {
            let phrase = m.as_str().to_lowercase();
            phrase.contains("not") || phrase.contains("never")
        }
        None => {
            let lower = text.to_lowercase();
            let lower = ["and ", "or "]
                .iter()
                .find_map(|j| lower.strip_prefix(j))
                .unwrap_or(&lower);
            NEGATIVE_OPENINGS.iter().any(|n| lower.starts_with(n))
        }
    };
    // "These contacts will be recognised and should be acknowledged": the modal read here is
    // not the one that gave the duty its strength, so the option would say the wrong one.
    if found.is_some_and(|m| !agrees(m.as_str(), duty.modality)) {
        return None;
    }
    let negative = matches!(duty.modality, Modality::MustNot | Modality::ShouldNot);

    let (after, only) = match after.strip_prefix("only ") {
        Some(rest) => (rest, true),
        // "should use only school equipment": the restriction sits after the verb.
        None => (after, after.split_whitespace().nth(1) == Some("only")),
    };
    let only = only || found.is_some_and(|m| m.as_str().to_lowercase().ends_with("only"));
    let action = action(after, found.is_none())?;
    // "Staff may find themselves working alone": a possibility, not a permission.
    let first_verb = action.split_whitespace().next().unwrap_or("");
    if permission && (found.is_none() || POSSIBLE.contains(&first_verb)) {
        return None;
    }
    // "must keep … and must not take …": the negative strength is not this action's.
    if negative && found.is_some() && !modal_negative && !says_negation(&action) {
        return None;
    }
    // An entry under "I agree to:" speaks as "I": "keep my profile private".
    let mine = super::text::words(&action)
        .iter()
        .any(|w| matches!(w.as_str(), "my" | "me" | "myself"));
    // "The headteacher should be informed": someone else is told; whoever reads it acts.
    // "We need to be satisfied …" is the school's own step, whatever its verb looks like.
    let holder = match holder {
        Holder::Role { ref name, .. } if name == SCHOOL => holder,
        Holder::Role { .. } if super::duty::is_passive(&action) => {
            Holder::Thing(subject.to_string())
        }
        other => other,
    };
    let action = if holder == Holder::Reader {
        to_second_person(&action, person_first || (found.is_none() && mine))
    } else {
        action
    };
    Some(ParsedDuty {
        holder,
        condition,
        // Under "Don't:" an entry ("make contact with …") is forbidden by its lead-in, not by
        // its own words: only an action that says the negation itself is asked positively.
        negation_in_action: negative && !modal_negative && says_negation(&action),
        only,
        action,
    })
}

/// True when words speak as the school: "our families", "we", "us".
fn speaks_as_we(text: &str) -> bool {
    super::text::words(text)
        .iter()
        .any(|w| matches!(w.as_str(), "we" | "our" | "us" | "ourselves"))
}

fn school() -> Holder {
    Holder::Role {
        name: SCHOOL.into(),
        stock: None,
    }
}

/// True when a modal phrase is of the duty's firmness: "should" and "it is good practice to"
/// advise, "may" permits, the rest ("must", "will", "need to", "is to") require.
fn agrees(modal: &str, duty: Modality) -> bool {
    let m = modal.to_lowercase();
    let advises = [
        "should",
        "advised",
        "encouraged",
        "recommended",
        "good idea",
        "practice",
    ]
    .iter()
    .any(|w| m.contains(w))
        || m.ends_with("advisable to")
        || m.ends_with("important to");
    match duty {
        Modality::Should | Modality::ShouldNot => advises,
        Modality::Must | Modality::MustNot => !advises && !m.starts_with("may "),
        _ => true,
    }
}
mod action;
#[cfg(test)]
mod tests;
