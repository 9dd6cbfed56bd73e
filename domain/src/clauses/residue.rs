//! Text run together from a table or a flowchart: contact lists, boxes joined by arrows,
//! "Yes" / "No" branches. Read as one sentence it can look like a duty ("… Tell the Welfare
//! Officer …"), but no one wrote it as a rule, so it is never one.

use super::pattern::pats;

pats! {
    ARROW = r"→|⇒|➔|➜|↓|⟶|-->|->|=>";
    // UK numbers as tables print them ("07700 900123", "0300 123 4567", "0808 800 5000"),
    // and the short emergency ones.
    PHONE = r"\b(?:0\d{2,4}[ -]?\d{3}[ -]?\d{3,4}|999|111)\b";
    YES = r"\bYes\b";
    MODAL = r"\b(must|should|shall|will|may|need to|are to|is to)\b";
    NO = r"\bNo\b(?:\s*$|\s*[→>/|-]|\s+[A-Z])";
}

/// Short words a sentence keeps in lower case even in a heading.
const SMALL: [&str; 12] = [
    "a", "an", "and", "or", "of", "the", "to", "in", "on", "for", "at", "by",
];

/// True when a sentence is the residue of a table or a flowchart rather than written prose.
pub(crate) fn is_residue(sentence: &str) -> bool {
    // A sentence may give a number or two to call ("the NSPCC on 0808 800 5000 or the police
    // on 999"); a list of them is a contacts table.
    let phones = PHONE.find_all(sentence).len();
    if ARROW.is_match(sentence) || phones >= 3 {
        return true;
    }
    if YES.is_match(sentence) && NO.is_match(sentence) {
        return true;
    }
    // A rule says its strength in lower case, however many names it holds.
    if MODAL.is_match(sentence) && phones < 2 {
        return false;
    }
    // Boxes and cells are short capitalised fragments: prose capitalises few of its words.
    let words: Vec<&str> = sentence
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    // Two numbers among names are a contacts table; prose around them is mostly lower case.
    let (least, share) = if phones >= 2 { (4, 5) } else { (10, 7) };
    words.len() >= least && capitalised * 10 >= words.len() * share
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_flowcharts_are_residue_and_prose_is_not() {
        for residue in [
            "Welfare Officer Dana Okafor 07700 900123 Club Chair Lee Marsh 07700 900456",
            "Concern about a child → Is the child in danger? → Yes → Call 999",
            "Is The Child At Risk Of Significant Harm Yes Contact Children's Services No Record It",
            "Designated Safeguarding Lead Deputy Designated Safeguarding Lead Local Authority Designated Officer Police Children's Social Care",
        ] {
            assert!(is_residue(residue), "{residue}");
        }
        for prose in [
            "Staff must report any concern to the Designated Safeguarding Lead without delay.",
            "No adult is allowed in the changing rooms unless they hold a DBS certificate.",
            "If a child is in immediate danger, call the police on 999.",
            "Yes, staff may use their own phones in the staff room.",
            "If you are worried, call the NSPCC on 0808 800 5000 or the police on 999.",
            "Staff must contact the Local Authority Designated Officer (LADO) or the Multi Agency Safeguarding Hub (MASH).",
        ] {
            assert!(!is_residue(prose), "{prose}");
        }
    }
}
