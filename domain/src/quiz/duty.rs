//! Questions built from the duty itself, for duties no scenario template fits.

use super::rng::SplitMix64;
use super::text::{clip, shares_run};
use super::{explanation, Question, Verdict};
use crate::clauses::{ClauseSet, Duty, Modality};
use crate::module::{capitalise, second_person, tidy};
use std::collections::HashSet;

/// Longest option, in words.
const OPTION_WORDS: usize = 36;
/// Wrong options per question (so four options when the pool allows, never fewer than three).
const DISTRACTORS: usize = 3;

/// Swaps that turn a true statement of the policy into a false one, tried in order.
const NEGATIONS: [(&str, &str); 10] = [
    ("you must not ", "you are free to "),
    ("you must never ", "you are free to "),
    ("you must ", "you do not need to "),
    ("you should not ", "you are encouraged to "),
    ("you should ", "you need not "),
    (" must not be ", " may freely be "),
    (" must be ", " need not be "),
    (" should not be ", " may freely be "),
    (" should be ", " need not be "),
    (" must not ", " may "),
];

/// The labels `second_person` puts before sentences it cannot turn round.
const LABELS: [&str; 5] = [
    "Required",
    "Not allowed",
    "Advised",
    "Advised against",
    "Allowed",
];

/// One question for every must / must not / should / should not duty not in `covered`.
pub(crate) fn duty_questions(
    set: &ClauseSet,
    covered: &HashSet<(String, String)>,
    seed: u64,
) -> Vec<Question> {
    let statements: Vec<(String, String)> = set
        .clauses
        .iter()
        .flat_map(|c| c.duties.iter().filter(|d| d.modality.is_duty()))
        .map(|d| (tidy(&d.text), clip(&second_person(d), OPTION_WORDS)))
        .collect();
    let pool: Vec<(String, String)> = statements
        .iter()
        .filter_map(|(text, plain)| Some((text.clone(), negate(plain)?)))
        .collect();
    let truths: HashSet<&str> = statements.iter().map(|(_, p)| p.as_str()).collect();
    let mut out = Vec::new();
    for clause in &set.clauses {
        for (n, duty) in clause.duties.iter().enumerate() {
            let quote = tidy(&duty.text);
            if !duty.modality.is_duty() || covered.contains(&(clause.id.clone(), quote.clone())) {
                continue;
            }
            let id = format!("duty:{}:{}", clause.id, n + 1);
            let mut rng = SplitMix64::keyed(seed, &id);
            let stem = stem(&clause.section, duty.modality);
            if shares_run(&stem, &clause.text, super::scenario::MAX_SHARED_RUN) {
                continue;
            }
            let Some(options) = options(duty, &quote, &pool, &truths, &mut rng) else {
                continue;
            };
            let Some(verdict) = Verdict::from_modality(duty.modality) else {
                continue;
            };
            out.push(Question {
                id,
                clause_ids: vec![clause.id.clone()],
                section: tidy(&clause.section),
                stem,
                options,
                answer: 0,
                explanation: explanation(&clause.id, &quote, conclusion(duty.modality)),
                verdict,
            });
        }
    }
    out
}

/// "Thinking about “Personal use”: which of these does your school's policy require of you?"
fn stem(section: &str, modality: Modality) -> String {
    let ask = match modality {
        Modality::Must | Modality::MustNot => {
            "which of these does your school's policy require of you?"
        }
        _ => "which of these does your school's policy advise you to do?",
    };
    let section = clip(&tidy(section), 8);
    if section.is_empty() {
        capitalise(ask)
    } else {
        format!("Thinking about “{section}”: {ask}")
    }
}

/// What the verdict means for the reader, said after the quote.
fn conclusion(modality: Modality) -> &'static str {
    match modality {
        Modality::Must | Modality::MustNot => "This is a requirement, not a suggestion.",
        _ => "This is the policy's advice.",
    }
}

/// The right statement first, then up to three false ones: this duty negated, then others.
fn options(
    duty: &Duty,
    quote: &str,
    pool: &[(String, String)],
    truths: &HashSet<&str>,
    rng: &mut SplitMix64,
) -> Option<Vec<String>> {
    let correct = clip(&second_person(duty), OPTION_WORDS);
    let mut options = vec![correct.clone()];
    if let Some(own) = negate(&correct) {
        options.push(own);
    }
    let mut others: Vec<&String> = pool
        .iter()
        .filter(|(text, _)| text != quote)
        .map(|(_, neg)| neg)
        .collect();
    rng.shuffle(&mut others);
    for neg in others {
        if options.len() > DISTRACTORS {
            break;
        }
        if !options.contains(neg) && !truths.contains(neg.as_str()) {
            options.push(neg.clone());
        }
    }
    (options.len() >= 3).then_some(options)
}

/// The statement turned false ("You must not X" → "You are free to X"); none when it cannot be.
pub(crate) fn negate(statement: &str) -> Option<String> {
    // A label ("Not allowed: …") would contradict the negated sentence after it.
    let statement = match statement.split_once(": ") {
        Some((label, rest)) if LABELS.contains(&label) => rest,
        _ => statement,
    };
    let lower = statement.to_lowercase();
    for (from, to) in NEGATIONS {
        if let Some(i) = lower.find(from) {
            let body = format!("{}{}{}", &statement[..i], to, &statement[i + from.len()..]);
            let body = body.trim_start().to_string();
            return Some(capitalise(&body));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_are_negated_by_their_modal() {
        assert_eq!(
            negate("You must not share passwords.").as_deref(),
            Some("You are free to share passwords.")
        );
        assert_eq!(
            negate("On leaving, you must not contact pupils.").as_deref(),
            Some("On leaving, you are free to contact pupils.")
        );
        assert_eq!(
            negate("Not allowed: Logos must not be published.").as_deref(),
            Some("Logos may freely be published.")
        );
        assert_eq!(negate("Note: the school has a website."), None);
    }
}
