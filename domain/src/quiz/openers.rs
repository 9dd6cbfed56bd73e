//! Words that open a sentence or a clause but never a name. Met capitalised in the middle of a
//! line, they show a sentence start pasted in: text run together from a table or flowchart ("…
//! in immediate danger Any concerns …"), or a stem that pastes a clause into a question ("…,
//! Information must be shared?"). One list serves both checks, so a word learnt for one is
//! known to the other.

/// Each opener, with whether a policy also starts its own titles and names with it ("All Staff",
/// "Personal Data", "Data Protection Officer"): inside a policy's sentences those do not show a
/// pasted start; inside a stem built by the engine they do.
const OPENERS: [(&str, bool); 32] = [
    ("a", false),
    ("an", false),
    ("the", false),
    ("any", false),
    ("all", false),
    ("if", false),
    ("when", false),
    ("where", false),
    ("whilst", false),
    ("while", false),
    ("this", false),
    ("these", false),
    ("those", false),
    ("that", false),
    ("it", false),
    ("they", false),
    ("we", false),
    ("you", false),
    ("he", false),
    ("she", false),
    ("please", false),
    ("do", false),
    ("don't", false),
    ("never", false),
    ("always", false),
    ("ensure", false),
    ("information", false),
    ("there", false),
    ("no", false),
    ("staff", true),
    ("data", true),
    ("personal", true),
];

/// True when `word` (lower-case, without punctuation) opens sentences; in a policy's own text
/// (`in_policy`) a word that also opens its titles does not count.
pub(crate) fn opens_sentence(word: &str, in_policy: bool) -> bool {
    OPENERS
        .iter()
        .any(|(w, titles)| *w == word && !(in_policy && *titles))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_word_counts_in_a_stem_but_not_in_a_policy_sentence() {
        assert!(opens_sentence("any", true));
        assert!(opens_sentence("any", false));
        assert!(opens_sentence("staff", false));
        assert!(!opens_sentence("staff", true));
        assert!(!opens_sentence("headteacher", false));
    }
}
