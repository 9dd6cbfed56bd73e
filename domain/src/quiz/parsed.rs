//! A duty read as a careful person reads it: who holds it, under what condition, and the action
//! they are to take, in base form, so questions can say it at any strength and stay grammatical.

use super::condition::{split_condition, CONDITION_WORDS};
use super::holders::{audience_holder, subject_holder, Holder};
use super::person::{lower_first, to_second_person};
use crate::clauses::{Audience, Clause, Duty, Modality};
use crate::module::tidy;
use regex::Regex;
use std::sync::LazyLock;

/// The modal phrase that splits a duty into who and what. Longest first, so "must not" wins.
static MODAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(must not|must never|must|should not|should never|should|shall not|shall|will not|will|may not|are not to|is not to|are to|is to|(?:are|is) (?:required|expected|obliged) to|(?:are|is) (?:strongly )?(?:advised|encouraged|recommended) (?:not )?to|(?:are|is) not (?:permitted|allowed) to|(?:have|has) a (?:duty|responsibility) to|needs? to|(?:have|has) to|it is (?:a good idea|good practice|best practice|advisable|important|essential|vital) to)\b",
    )
    .ok()
});

/// Predicates that judge a noun phrase ("… is vital", "… are unacceptable").
const JUDGEMENTS: [&str; 9] = [
    "unacceptable",
    "not acceptable",
    "vital",
    "essential",
    "paramount",
    "important",
    "prohibited",
    "forbidden",
    "not permitted",
];

/// Openings that mark a list entry as something other than an action in base form.
// Pronouns too: "… colleagues should they make a disclosure" is a condition, not a duty.
// Determiners and possessives too: "Our Welfare Officer … is responsible for …" is a statement
// about someone, not an instruction.
const NOT_ACTIONS: [&str; 30] = [
    "to", "not", "only", "being", "having", "no", "any", "all", "the", "a", "an", "this", "please",
    "they", "we", "it", "he", "she", "there", "our", "your", "my", "his", "her", "its", "their",
    "each", "every", "these", "those",
];

/// Second words that show an entry has a subject of its own ("Staff are …", "Data will …").
const STATEMENT_VERBS: [&str; 12] = [
    "are", "is", "was", "were", "will", "can", "have", "has", "may", "do", "does", "need",
];

/// First words that name who acts rather than what to do ("Staff and pupils are reminded …").
const SUBJECT_NOUNS: [&str; 12] = [
    "staff",
    "pupils",
    "children",
    "parents",
    "students",
    "we",
    "i",
    "you",
    "they",
    "everyone",
    "governors",
    "volunteers",
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

/// Reads a duty of `clause`; none when it does not split into a holder and a base-form action.
pub(crate) fn parse(clause: &Clause, duty: &Duty) -> Option<ParsedDuty> {
    let text = tidy(&duty.text);
    let modal = MODAL.as_ref()?;
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
        // "It is a good idea to …" advises whoever reads it.
        (Holder::Reader, false)
    } else if found.is_none() {
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
            (subject_holder(&s, subject, after)?, s == "i")
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
    // "must keep … and must not take …": the negative strength is not this action's.
    if negative && found.is_some() && !modal_negative && !says_negation(&action) {
        return None;
    }
    // An entry under "I agree to:" speaks as "I": "keep my profile private".
    let mine = super::text::words(&action)
        .iter()
        .any(|w| matches!(w.as_str(), "my" | "me" | "myself"));
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

/// True when an action carries a negation of its own ("avoid …", "ensure they do not …").
fn says_negation(action: &str) -> bool {
    action.split_whitespace().any(|w| {
        let w = w.to_lowercase();
        matches!(
            w.as_str(),
            "not" | "never" | "no" | "avoid" | "refrain" | "nobody"
        ) || w.ends_with("n't")
            || w.ends_with("n’t")
    })
}

/// The action in base form: adverbs the strength will say dropped, imperatives' negations
/// dropped; none when what follows is not a verb phrase of a readable length.
fn action(after: &str, imperative: bool) -> Option<String> {
    // "• and not seek any personal gain": the last entry's joining word is not the action's.
    let after = after.trim();
    let after = ["and ", "or ", "And ", "Or "]
        .iter()
        .find_map(|j| after.strip_prefix(j))
        .unwrap_or(after);
    let mut a = after.trim().to_string();
    if imperative {
        let lower = a.to_lowercase();
        for neg in NEGATIVE_OPENINGS {
            if lower.starts_with(neg) {
                a = a[neg.len()..].to_string();
                break;
            }
        }
    }
    // "should, in any communication with pupils, also follow …": the aside goes, the verb stays.
    if let Some(rest) = a.strip_prefix(',') {
        a = rest.split_once(", ").map_or(rest, |(_, r)| r).to_string();
    }
    for adverb in [
        "always ",
        "also ",
        "at all times ",
        "ever ",
        "therefore ",
        "then ",
    ] {
        if a.to_lowercase().starts_with(adverb) {
            a = a[adverb.len()..].to_string();
        }
    }
    // "will need to request" is "must request": the strength is said once, by the option.
    for helper in ["need to ", "have to ", "be required to "] {
        if a.to_lowercase().starts_with(helper) {
            a = a[helper.len()..].to_string();
        }
    }
    // "be secured with a password and should not be shared": a second duty at its own
    // strength; this question asks the first, so the option never says two strengths.
    for joint in [", and should ", " and should ", ", and must ", " and must "] {
        if let Some(i) = a.find(joint) {
            a.truncate(i);
        }
    }
    // "Sam Patel is …", "Welfare Officer to …": two capitalised words open a name, not a verb.
    // ("Do NOT share" is an instruction: a word in capitals is emphasis, not a name.)
    let named = a
        .split_whitespace()
        .take(2)
        .filter(|w| {
            w.starts_with(|c: char| c.is_uppercase()) && w.chars().any(|c| c.is_lowercase())
        })
        .count()
        == 2;
    if imperative && named {
        return None;
    }
    let a = lower_first(a.trim().trim_end_matches(['.', ';', ':', ',']));
    let first = a
        .split_whitespace()
        .next()?
        .trim_end_matches([',', ';'])
        .trim_matches(['\'', '‘', '’', '"', '“', '”'])
        .to_string();
    let second = a.split_whitespace().nth(1).unwrap_or("");
    // "Staff are responsible for …" is a statement with a subject, not an imperative, and
    // "Act 1974 to …" is the tail of a name.
    if imperative
        && (STATEMENT_VERBS.contains(&second)
            || second.starts_with(|c: char| c.is_ascii_digit())
            || SUBJECT_NOUNS.contains(&first.as_str()))
    {
        return None;
    }
    // "Verbal abuse … are unacceptable": the judgement is the predicate; there is no action.
    let lowered = a.to_lowercase();
    if imperative
        && JUDGEMENTS.iter().any(|j| {
            [" is ", " are "]
                .iter()
                .any(|v| lowered.contains(&format!("{v}{j}")))
        })
    {
        return None;
    }
    let words = a.split_whitespace().count();
    let base_form = first.chars().all(|c| c.is_ascii_lowercase())
        && !NOT_ACTIONS.contains(&first.as_str())
        && !(first.ends_with("ing") && first != "bring")
        && !(imperative && (first.ends_with("ed") || first.ends_with('s')))
        // "is, and must always be, paramount": the verb's comma shows the modal was an aside;
        // a modal left after the cut below would be said twice.
        && !a.split_whitespace().next().is_some_and(|w| w.ends_with(','))
        && !a
            .split_whitespace()
            .any(|w| matches!(w, "should" | "must" | "shall"));
    // A lead-in cut at its colon ("should be read in conjunction with the:") is no action.
    let last = a.rsplit(' ').next().unwrap_or("").to_lowercase();
    let dangling = [
        "the",
        "a",
        "an",
        "of",
        "to",
        "with",
        "and",
        "or",
        "for",
        "in",
        "on",
        "by",
        "following",
    ]
    .contains(&last.as_str());
    let whole = !dangling
        && !a.contains(['…', ':'])
        && a.matches('(').count() == a.matches(')').count()
        && !a.ends_with(['-', '–']);
    (base_form && whole && (2..=42).contains(&words)).then_some(a)
}

#[cfg(test)]
mod tests;
