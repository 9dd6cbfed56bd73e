//! Steps that are not every reader's, whatever the sentence's grammar makes of its holder: what
//! the organisation owes a regulator ("breaches must be reported to the ICO within 72 hours"),
//! and what the one person a procedure is about may or must do ("they may appeal against the
//! outcome"). Asking them as "required of you" teaches the reader a step that is not theirs.

use super::text::words;

/// Bodies only the organisation, through its named officers, reports to or answers.
const OUTSIDE_BODIES: [&str; 10] = [
    "ico",
    "information commissioner",
    "supervisory authority",
    "72 hours",
    "lado",
    "local authority designated officer",
    "ofsted",
    "charity commission",
    "riddor",
    "health and safety executive",
];

/// The person a procedure is about, as policies name them.
const THE_INDIVIDUAL: [&str; 9] = [
    "the individual",
    "the person concerned",
    "the person who is the subject",
    "the employee concerned",
    "the member of staff concerned",
    "the staff member concerned",
    "the whistleblower",
    "the complainant",
    "the accused",
];

/// True when a duty sentence is a step the organisation takes towards an outside body.
pub(crate) fn organisation_step(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    OUTSIDE_BODIES.iter().any(|b| {
        lower.match_indices(b).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + b.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// True when a duty belongs to the person a procedure is about: its subject names them, or is
/// a pronoun ("they", "he or she") in a clause that does.
pub(crate) fn the_individuals(sentence: &str, clause_text: &str) -> bool {
    let lower = sentence.to_lowercase();
    // The subject, past any opening condition: "If the outcome is upheld, the individual may …".
    let subject = lower.rsplit_once(", ").map_or(lower.as_str(), |(_, s)| s);
    if THE_INDIVIDUAL
        .iter()
        .any(|n| subject.starts_with(n) || lower.starts_with(n))
    {
        return true;
    }
    let w = words(subject);
    let pronoun = matches!(w.first().map(String::as_str), Some("they" | "he" | "she"));
    let clause = clause_text.to_lowercase();
    pronoun && THE_INDIVIDUAL.iter().any(|n| clause.contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_to_a_regulator_is_the_organisations() {
        assert!(organisation_step(
            "Personal data breaches must be reported to the ICO within 72 hours."
        ));
        assert!(organisation_step(
            "The allegation must be referred to the LADO."
        ));
        assert!(!organisation_step(
            "Staff must report any data breach to the school office at once."
        ));
        assert!(!organisation_step("You must keep a clear desk."));
    }

    #[test]
    fn the_individual_a_procedure_is_about_is_not_the_reader() {
        let clause = "The individual will be told the outcome. They may appeal within ten days.";
        assert!(the_individuals("They may appeal within ten days.", clause));
        assert!(the_individuals(
            "If the complaint is upheld, the individual may appeal.",
            clause
        ));
        assert!(!the_individuals(
            "They must report it to the DSL.",
            "Staff who see a concern must act. They must report it to the DSL."
        ));
    }
}
