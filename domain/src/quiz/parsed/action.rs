//! The action of a duty in base form, read from the words after its modal (or a whole list
//! entry), so options can say it at any strength and stay grammatical.

use super::NEGATIVE_OPENINGS;
use crate::quiz::person::lower_first;

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

/// Verbs that say what an organisation holds or does ("Norwich RFC recognises that …"): after
/// the first words they show a statement about the club, not an instruction to the reader.
const STATEMENT_THIRD_PERSON: [&str; 16] = [
    "recognises",
    "recognizes",
    "believes",
    "expects",
    "aims",
    "accepts",
    "acknowledges",
    "understands",
    "requires",
    "promotes",
    "seeks",
    "supports",
    "considers",
    "undertakes",
    "welcomes",
    "values",
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
/// True when an action carries a negation of its own ("avoid …", "ensure they do not …").
pub(super) fn says_negation(action: &str) -> bool {
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
pub(super) fn action(after: &str, imperative: bool) -> Option<String> {
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
    let third = a.split_whitespace().nth(2).unwrap_or("");
    let states = [second, third]
        .iter()
        .any(|w| STATEMENT_THIRD_PERSON.contains(&w.to_lowercase().as_str()));
    if imperative
        && (STATEMENT_VERBS.contains(&second)
            || states
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
