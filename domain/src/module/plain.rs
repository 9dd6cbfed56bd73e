//! Plain-language rendering of duties: "Staff must not …" becomes "You must not …".

use super::pronouns::pronouns;
use crate::clauses::{Duty, Modality};
use regex::Regex;
use std::sync::OnceLock;

/// The modal phrases policies use, longest first so "must not" wins over "must".
const MODAL_PATTERN: &str = r"(?i)\b(must not|must never|mustn't|should not|should never|shouldn't|ought not to|are required to|is required to|are expected to|is expected to|are strongly advised to|are advised to|are encouraged to|are reminded that they must|have a responsibility to|has a responsibility to|need to|needs to|can only|cannot|can not|may not|must|should|ought to|may|can|will)\b";

/// Words that name the people a staff policy binds.
const STAFF_PATTERN: &str = r"(?i)\b(staff|staffs|adults?|employees?|teachers?|you|governors?|volunteers?|member of staff|they)\b";

fn modal_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(MODAL_PATTERN).ok()).as_ref()
}

fn staff_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(STAFF_PATTERN).ok()).as_ref()
}

/// A short label for a modality when the sentence cannot be turned round.
fn modality_lead(modality: Modality) -> &'static str {
    match modality {
        Modality::Must => "Required",
        Modality::MustNot => "Not allowed",
        Modality::Should => "Advised",
        Modality::ShouldNot => "Advised against",
        Modality::May => "Allowed",
        Modality::Info => "Note",
    }
}

/// Strips bullets, stray spaces and trailing punctuation from a duty sentence.
pub(crate) fn tidy(text: &str) -> String {
    let t = text
        .trim()
        .trim_start_matches(['-', '•', '·', '*', ' ', '\t'])
        .replace("**", "");
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    t.trim_end_matches([';', ',', ':', '.', ' ']).to_string()
}

/// The duty as an instruction to the reader: "You must not …", "You should …".
///
/// Falls back to the sentence itself under a short label when it has no
/// staff subject to turn round (passive sentences, statements about the school).
pub fn second_person(duty: &Duty) -> String {
    let text = tidy(&duty.text);
    if text.is_empty() {
        return String::new();
    }
    if let Some((pred, negative)) = imperative_predicate(&text) {
        let modal = modal_for(duty.modality, negative);
        return sentence(&format!("You {modal} {}", pronouns(&pred)));
    }
    if let Some((subject, pred, negative)) = split_at_modal(&text) {
        if let Some(who) = rewrite_subject(&subject) {
            let modal = modal_for(duty.modality, Some(negative));
            return sentence(&format!("{who} {modal} {}", pronouns(&pred)));
        }
    }
    if let Some((pred, negative)) = advisory_predicate(&text) {
        let modal = modal_for(duty.modality, Some(negative));
        return sentence(&format!("You {modal} {}", pronouns(&pred)));
    }
    sentence(&format!("{}: {}", modality_lead(duty.modality), text))
}

/// Someone else's duty, with its holder named: a list item under "Principals:" becomes "The
/// headteacher should ensure …"; a sentence with a subject of its own keeps the policy's words.
pub(crate) fn as_holders(holder: &str, duty: &Duty) -> String {
    let text = tidy(&duty.text);
    if let Some((pred, negative)) = imperative_predicate(&text) {
        let modal = modal_for(duty.modality, negative);
        return sentence(&format!("{holder} {modal} {}", capitalise_not(&pred)));
    }
    if let Some((subject, pred, negative)) = split_at_modal(&text) {
        if subject.is_empty() {
            let modal = modal_for(duty.modality, Some(negative));
            return sentence(&format!("{holder} {modal} {pred}"));
        }
    }
    sentence(&text)
}

/// Whether a duty sentence has no subject of its own: a list item or an instruction.
pub(crate) fn subjectless(text: &str) -> bool {
    imperative_predicate(text).is_some()
        || split_at_modal(text).is_some_and(|(subject, _, _)| subject.is_empty())
}

/// Whether the duty's own wording forbids or advises against, rather than requires or advises.
pub(crate) fn negative_wording(duty: &Duty) -> bool {
    let text = tidy(&duty.text);
    if let Some((_, Some(negative))) = imperative_predicate(&text) {
        return negative;
    }
    if let Some((_, _, negative)) = split_at_modal(&text) {
        return negative;
    }
    if let Some((_, negative)) = advisory_predicate(&text) {
        return negative;
    }
    matches!(duty.modality, Modality::MustNot | Modality::ShouldNot)
}

/// The modal verb for a duty's strength, with the polarity its own wording gives when known.
///
/// Polarity comes from the sentence so that "must ensure they do not …" never
/// becomes a double negative.
fn modal_for(modality: Modality, negative: Option<bool>) -> &'static str {
    let negative = negative.unwrap_or(matches!(modality, Modality::MustNot | Modality::ShouldNot));
    match (modality, negative) {
        (Modality::Must | Modality::MustNot, false) => "must",
        (Modality::Must | Modality::MustNot, true) => "must not",
        (Modality::Should | Modality::ShouldNot, false) => "should",
        (Modality::Should | Modality::ShouldNot, true) => "should not",
        (_, false) => "may",
        (_, true) => "may not",
    }
}

/// Verbs that open an instruction addressed to the reader ("Respect the right of colleagues …").
const IMPERATIVES: [&str; 16] = [
    "respect", "ensure", "take", "keep", "use", "follow", "report", "avoid", "make", "think",
    "check", "remember", "treat", "consider", "behave", "act",
];

/// Lower-cases the first letter, so an instruction can follow "You must".
fn capitalise_not(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Bullet items under a lead-in ("never share …", "Do not defame …") have no subject.
fn imperative_predicate(text: &str) -> Option<(String, Option<bool>)> {
    let lower = text.to_lowercase();
    for lead in ["do not ", "don't ", "never ", "not to ", "not "] {
        if lower.starts_with(lead) {
            return Some((text[lead.len()..].to_string(), Some(true)));
        }
    }
    let first_word = lower.split_whitespace().next().unwrap_or_default();
    // "Avoid …" carries its own negation: it becomes "You should avoid …", never "should not avoid".
    if first_word == "avoid" || first_word == "refrain" {
        return Some((capitalise_not(text), Some(false)));
    }
    if IMPERATIVES.contains(&first_word) {
        return Some((capitalise_not(text), None));
    }
    let first = text.chars().next()?;
    if first.is_lowercase() && split_at_modal(text).is_none() {
        let pred = text.strip_prefix("to ").unwrap_or(text);
        return Some((pred.to_string(), None));
    }
    None
}

/// "It is not advisable for staff to X", "we would recommend that you do not X".
fn advisory_predicate(text: &str) -> Option<(String, bool)> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| {
            Regex::new(r"(?i)(?:it is (not )?(?:advisable|advised|recommended) (?:for [\w ]+? )?to|recommend that you (do not |don't )?)\s*(.+)$").ok()
        })
        .as_ref()?;
    let caps = re.captures(text)?;
    let negative = caps.get(1).is_some() || caps.get(2).is_some();
    Some((caps.get(3)?.as_str().to_string(), negative))
}

/// Splits "Staff members must not X" into ("Staff members", "X", negative).
fn split_at_modal(text: &str) -> Option<(String, String, bool)> {
    let m = modal_re()?.find(text)?;
    let phrase = m.as_str().to_lowercase();
    let mut negative = phrase.contains("not") || phrase.contains("never") || phrase.contains("n't");
    let subject = text[..m.start()].trim().to_string();
    let mut pred = text[m.end()..].trim();
    let lower = pred.to_lowercase();
    for lead in ["not ", "never "] {
        if lower.starts_with(lead) {
            pred = &pred[lead.len()..];
            negative = true;
        }
    }
    let pred = pred.strip_prefix("to ").unwrap_or(pred).trim();
    if pred.is_empty() {
        return None;
    }
    // "can only use" keeps its "only" when the modal becomes "must".
    let pred = if phrase.ends_with("only") {
        format!("only {pred}")
    } else {
        pred.to_string()
    };
    Some((subject, pred, negative))
}

/// Words that open a condition before the subject.
const CONDITIONS: [&str; 12] = [
    "on ", "when ", "if ", "where ", "while ", "whilst ", "after ", "before ", "in ", "as ",
    "even ", "once ",
];

/// "On leaving the school, staff members" becomes "On leaving the school, you".
fn rewrite_subject(subject: &str) -> Option<String> {
    if subject.is_empty() {
        return None;
    }
    // A leading condition ("On leaving the school, …") is kept; a list of people is not split.
    let conditional = CONDITIONS
        .iter()
        .any(|w| subject.to_lowercase().starts_with(w));
    let (prefix, core) = match subject.rfind(',') {
        Some(i) if conditional => (subject[..=i].trim().to_string(), subject[i + 1..].trim()),
        // "If they receive such requests they": the subject is the last words; the condition
        // before it is kept (its own pronouns turned round), never dropped.
        None if conditional => {
            let start = trailing_subject(subject)?;
            (
                format!("{},", pronouns(subject[..start].trim())),
                subject[start..].trim(),
            )
        }
        _ => (String::new(), subject),
    };
    let words = core.split_whitespace().count();
    if !staff_re()?.is_match(core) || words > 10 {
        return None;
    }
    let lower = core.to_lowercase();
    let qualified = [" with ", " who "].iter().any(|k| lower.contains(k));
    let who = if qualified {
        // Only the first letter is lowered: "attending Chad Vale" keeps its capitals.
        format!("as {}, you", pronouns(&capitalise_not(core)))
    } else {
        "you".to_string()
    };
    Some(if prefix.is_empty() {
        capitalise(&who)
    } else {
        format!("{prefix} {who}")
    })
}

/// Where the staff word that ends a conditional subject starts, if one ends it.
fn trailing_subject(subject: &str) -> Option<usize> {
    let subject = subject.trim_end();
    let last = staff_re()?.find_iter(subject).last()?;
    (last.end() == subject.len() && last.start() > 0).then_some(last.start())
}

/// Upper-cases the first letter.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Capitalises and ends with a full stop.
pub(crate) fn sentence(text: &str) -> String {
    let t = capitalise(text.trim());
    if t.ends_with(['.', '!', '?', ')', '"', '\'']) {
        t
    } else {
        format!("{t}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duty(text: &str, modality: Modality) -> Duty {
        Duty {
            text: text.to_string(),
            modality,
        }
    }

    #[test]
    fn staff_subject_becomes_you() {
        let d = duty(
            "Staff members must not publish images of pupils on their personal sites.",
            Modality::MustNot,
        );
        assert_eq!(
            second_person(&d),
            "You must not publish images of pupils on their personal sites."
        );
    }

    #[test]
    fn own_pronouns_are_turned_round_before_others_are_named() {
        let d = duty(
            "Staff are strongly advised to set the privacy levels of their personal sites",
            Modality::Should,
        );
        assert_eq!(
            second_person(&d),
            "You should set the privacy levels of your personal sites."
        );
    }

    #[test]
    fn bullet_items_without_a_subject_take_the_modality() {
        let d = duty("never share their work log-ins;", Modality::MustNot);
        assert_eq!(second_person(&d), "You must not share your work log-ins.");
        let d = duty("Do not defame anyone.", Modality::MustNot);
        assert_eq!(second_person(&d), "You must not defame anyone.");
    }

    #[test]
    fn leading_conditions_are_kept() {
        let d = duty(
            "On leaving the school, staff members must not contact pupils.",
            Modality::MustNot,
        );
        assert_eq!(
            second_person(&d),
            "On leaving the school, you must not contact pupils."
        );
    }

    #[test]
    fn advisory_phrasings_are_turned_round() {
        let d = duty(
            "It is not advisable for staff to invite parents to be friends.",
            Modality::ShouldNot,
        );
        assert_eq!(
            second_person(&d),
            "You should not invite parents to be friends."
        );
    }

    #[test]
    fn passive_sentences_keep_their_words_under_a_label() {
        let d = duty(
            "Logos must not be published on personal pages.",
            Modality::MustNot,
        );
        assert_eq!(
            second_person(&d),
            "Not allowed: Logos must not be published on personal pages."
        );
    }

    #[test]
    fn a_condition_without_a_comma_is_kept() {
        let d = duty(
            "If they receive such requests from them they must discuss these in class.",
            Modality::Must,
        );
        assert_eq!(
            second_person(&d),
            "If you receive such requests from them, you must discuss these in class."
        );
    }

    #[test]
    fn names_in_a_qualified_subject_keep_their_capitals() {
        let d = duty(
            "Staff members with children attending Chad Vale must take particular care.",
            Modality::Must,
        );
        assert_eq!(
            second_person(&d),
            "As staff members with children attending Chad Vale, you must take particular care."
        );
    }

    #[test]
    fn someone_elses_list_item_names_its_holder() {
        let d = duty(
            "should ensure that all new staff are trained;",
            Modality::Should,
        );
        assert_eq!(
            as_holders("The headteacher", &d),
            "The headteacher should ensure that all new staff are trained."
        );
        let d = duty("The headteacher must keep a log.", Modality::Must);
        assert_eq!(
            as_holders("The headteacher", &d),
            "The headteacher must keep a log."
        );
    }
}
