//! The reader's own pronouns turned round ("their personal sites" → "your personal sites"),
//! and only while "they" can still mean the reader.

/// Third-party nouns after which "they"/"their" may no longer mean the reader.
pub(crate) const OTHERS: [&str; 22] = [
    "pupil",
    "pupils",
    "children",
    "child",
    "parent",
    "parents",
    "carers",
    "families",
    "family",
    "students",
    "student",
    "learners",
    "colleagues",
    "people",
    "others",
    "individuals",
    "siblings",
    "friends",
    "members",
    "visitors",
    "users",
    "contacts",
];

/// True for a word that names people other than the reader ("pupils", "ex-pupils", "parents'").
pub(crate) fn names_others(word: &str) -> bool {
    let bare = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    // "ex-pupils", "step-parents": the last part of a compound names who it is.
    let head = bare.rsplit('-').next().unwrap_or(&bare);
    OTHERS.contains(&head) || word.trim_end_matches([',', '.']).ends_with('\'')
}

/// Turns the reader's own pronouns round ("their personal sites" → "your personal sites").
///
/// Stops at the first mention of other people, after which "their" is ambiguous.
pub(super) fn pronouns(pred: &str) -> String {
    let mut out = Vec::new();
    let mut others_seen = false;
    for word in pred.split(' ') {
        let bare = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if names_others(word) {
            others_seen = true;
        }
        let swapped = if others_seen {
            None
        } else {
            match bare.as_str() {
                "their" => Some("your"),
                "they" => Some("you"),
                "themselves" => Some("yourself"),
                "theirs" => Some("yours"),
                _ => None,
            }
        };
        match swapped {
            Some(new) => out.push(word.to_lowercase().replacen(&bare, new, 1)),
            None => out.push(word.to_string()),
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::pronouns;

    #[test]
    fn the_readers_pronouns_turn_round() {
        assert_eq!(
            pronouns("set the privacy of their sites"),
            "set the privacy of your sites"
        );
    }

    #[test]
    fn after_other_people_are_named_they_stay_theirs() {
        let pred = "'friend' ex-pupils where they may have younger siblings";
        assert_eq!(pronouns(pred), pred);
        let pred = "contact step-parents when they ask";
        assert_eq!(pronouns(pred), pred);
    }
}
