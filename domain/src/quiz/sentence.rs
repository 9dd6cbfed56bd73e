//! Whether a duty sentence is fit to decide a question: one well-formed sentence of the reader's
//! policy, not text run together from a table, flowchart or contact list, not a definition, and
//! not a list of the occasions on which to ask someone.
//!
//! A question whose right answer comes from such text teaches staff a rule the policy never
//! made, so these sentences decide nothing; the question is left unasked instead.

use super::openers::opens_sentence;
use super::text::words;
use regex::Regex;
use std::sync::LazyLock;

/// Longest sentence that still reads as one: beyond this it is a list or a table run on.
const MAX_WORDS: usize = 60;

/// True when a duty sentence may decide a question put to the reader.
pub(crate) fn fit_to_decide(sentence: &str) -> bool {
    let text = sentence.trim();
    !text.is_empty()
        && text.split_whitespace().count() <= MAX_WORDS
        && !run_together(text)
        && !holds_contacts(text)
        && !is_definition(text)
        && !lists_occasions(text)
        && !is_aside(text)
        && !qualified(text)
}

/// True for a rule qualified by "where possible" ("Avoid questioning the child where possible"):
/// whether it forbids or only advises against is the reader's call on the day, so an option
/// saying "discouraged, not forbidden" would be as right as the one saying "not allowed". Such a
/// rule decides no question rather than one with two right answers.
fn qualified(text: &str) -> bool {
    crate::clauses::left_to_judgement(&text.to_lowercase())
}

/// "If you intend to contact the police yourself, you should tell …": a sentence that opens with
/// a choice the reader may make. It says what goes with that choice, not what to do about the
/// situation, so the instruction it follows is the one to decide.
static ASIDE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:if|should|where|when|whenever|in the event that)\s+(?:you|staff|i|we|they|anyone|a member of staff|a staff member|an? (?:employee|volunteer|adult))\s+(?:\w+\s+)?(?:intends?|wish(?:es)?|decides?|chooses?|plans?|wants?|would like|(?:are|is) (?:thinking|considering))\b")
        .ok()
});

/// True for a sentence opening with the reader's own choice (see [`ASIDE`]).
fn is_aside(text: &str) -> bool {
    ASIDE.as_ref().is_some_and(|re| re.is_match(text.trim()))
}

/// True when a capitalised opener follows a word with no stop between them, or a line of
/// capitalised words (a table's headings) runs through the sentence.
pub(crate) fn run_together(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let joined = tokens.windows(2).any(|pair| {
        let (before, word) = (pair[0], pair[1]);
        let ends_clause = before.ends_with(['.', ':', ';', '!', '?', '(', '"', '“', '‘'])
            || before.chars().all(|c| !c.is_alphanumeric());
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let capitalised = bare.chars().next().is_some_and(char::is_uppercase)
            && bare.chars().skip(1).all(|c| !c.is_uppercase());
        !ends_clause && capitalised && opens_sentence(&bare.to_lowercase(), true)
    });
    // Seven or more capitalised words in a row: a table's row of headings or names
    // ("Designated Safeguarding Lead Deputy Lead Name Telephone"). An acronym neither counts
    // nor breaks the run ("Local Authority Designated Officer (LADO)" is one office).
    let heading_run = tokens
        .iter()
        .skip(1)
        .filter(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .any(char::is_lowercase)
        })
        .map(|w| w.chars().next().is_some_and(char::is_uppercase))
        .fold((0usize, 0usize), |(run, best), cap| {
            let run = if cap { run + 1 } else { 0 };
            (run, best.max(run))
        })
        .1
        >= 7;
    joined || heading_run
}

/// True when the sentence carries a telephone number, an email address or a web address:
/// text from a contacts table, not a rule.
fn holds_contacts(text: &str) -> bool {
    let digits_run = text
        .split(|c: char| !(c.is_ascii_digit() || c == ' '))
        .any(|run| run.chars().filter(char::is_ascii_digit).count() >= 6);
    digits_run || text.contains('@') || text.contains("www.") || text.contains("http")
}

/// True for a definition ("An adult at risk is someone who may be unable to …", "Abuse means
/// …"): the copula comes before any modal, outside a relative clause of the subject.
pub(crate) fn is_definition(text: &str) -> bool {
    let w = words(text);
    let first = w.first().map_or("", String::as_str);
    // "If the child is in danger, …" opens with a condition, not a subject to define.
    if [
        "if", "when", "where", "whilst", "while", "unless", "once", "before", "after",
    ]
    .contains(&first)
    {
        return false;
    }
    if glossary_entry(text) {
        return true;
    }
    // A defined term is short ("An adult at risk is …"); a copula further on belongs to a
    // later part of the sentence ("… job title etc. If you are an employee …").
    for (i, word) in w.iter().enumerate().take(7) {
        match word.as_str() {
            // A relative clause, a condition or a modal before any copula: the sentence is a
            // rule.
            "who" | "that" | "which" | "whose" | "whom" | "must" | "should" | "will" | "shall"
            | "may" | "can" | "cannot" | "need" | "needs" | "if" | "when" | "where" => {
                return false
            }
            "means" | "includes" => return i > 0,
            "is" | "are" => {
                let next = w.get(i + 1).map_or("", String::as_str);
                // "is a person", "is any …", "are those": the subject is being defined; "is
                // expected to", "are not permitted" are rules.
                return i > 0
                    && [
                        "a", "an", "any", "someone", "anyone", "those", "defined", "when",
                    ]
                    .contains(&next);
            }
            _ => {}
        }
    }
    false
}

/// True for a glossary entry ("Adult at risk: a person aged eighteen or over who …"): a short
/// term with no verb of its own, a colon, then what it names.
fn glossary_entry(text: &str) -> bool {
    let Some((term, rest)) = text.split_once(':') else {
        return false;
    };
    let term = words(term);
    let rest = words(rest);
    let verbs = [
        "must", "should", "shall", "will", "may", "can", "do", "don't", "is", "are", "agree",
        "remember", "note", "ensure", "never", "always", "not",
    ];
    // What follows names, it does not bind: "Trips: the organiser must …" is a rule.
    let binds = ["must", "should", "shall", "never", "not"];
    (1..=6).contains(&term.len())
        && !term.iter().any(|w| verbs.contains(&w.as_str()))
        && !rest.iter().any(|w| binds.contains(&w.as_str()))
        && rest.first().is_some_and(|w| {
            [
                "a", "an", "any", "the", "someone", "anyone", "somebody", "anybody", "those",
                "people", "when", "where",
            ]
            .contains(&w.as_str())
        })
}

/// True for a sentence that lists the occasions on which to do something ("Contact the DPO if
/// you …, if you …, if …"): its occasions are not what it requires of each of them.
fn lists_occasions(text: &str) -> bool {
    let w = words(text);
    let occasions = w
        .iter()
        .filter(|x| ["if", "when", "whenever"].contains(&x.as_str()))
        .count();
    occasions >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_rule_may_decide() {
        for rule in [
            "Staff must not accept friend requests from pupils on personal accounts.",
            "If a child tells you they are being hurt, you must report it to the DSL at once.",
            "Staff who are worried about a colleague should speak to the headteacher.",
            "Personal phones are not to be used while you are on duty.",
            "All Staff, Governors and visitors will not install software without permission.",
        ] {
            assert!(fit_to_decide(rule), "{rule}");
        }
    }

    #[test]
    fn text_run_together_from_a_table_or_flowchart_does_not_decide() {
        for joined in [
            "Contact the lead if the child is not in immediate danger Any concerns must be recorded",
            "I will ensure I have permission to use the work of others Where work is copyrighted I will not copy it",
            "Designated Safeguarding Lead Deputy Lead Head Office Contact Number you should inform the parent",
            "You should inform the parent on 01234 567890 or by email to office@school.example",
        ] {
            assert!(!fit_to_decide(joined), "{joined}");
        }
    }

    #[test]
    fn a_definition_or_a_list_of_occasions_does_not_decide() {
        assert!(is_definition(
            "An adult at risk is someone who may be unable to protect themselves from harm."
        ));
        assert!(is_definition("Abuse means any act that may harm a child."));
        assert!(is_definition(
            "Young person at risk: a person aged under eighteen who is, or may be, unable to take care of themselves."
        ));
        assert!(!is_definition(
            "Trips: the organiser must complete a risk assessment before every trip."
        ));
        assert!(!is_definition(
            "Staff must: lock the office when they leave it."
        ));
        assert!(!is_definition(
            "Staff are expected to report any concern the same day."
        ));
        assert!(!fit_to_decide(
            "You should contact the DPO if you are unsure of a lawful basis, if you need to share data with a new supplier or if you think there has been a breach."
        ));
    }

    #[test]
    fn a_rule_qualified_by_where_possible_does_not_decide() {
        for hedged in [
            "Avoid asking the child questions where possible.",
            "Wherever possible, staff should not work alone with a pupil.",
            "Staff must, as far as possible, keep the door open.",
        ] {
            assert!(!fit_to_decide(hedged), "{hedged}");
        }
        assert!(fit_to_decide("Avoid asking the child leading questions."));
    }

    #[test]
    fn an_aside_on_the_readers_own_choice_does_not_decide() {
        for aside in [
            "If you intend to contact the police yourself, you should tell the welfare officer first.",
            "Should staff wish to raise it outside the school, they should speak to the chair first.",
            "If you decide to take notes, you must keep them secure.",
        ] {
            assert!(!fit_to_decide(aside), "{aside}");
        }
        assert!(fit_to_decide(
            "If you are worried about a child, you must tell the welfare officer the same day."
        ));
    }
}
