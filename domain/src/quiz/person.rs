//! The reader's own words turned to "you": "my password" and "their own phone" become "your …".

use crate::module::pronouns::names_others;

/// Turns the reader's own words to "you": "my" → "your", "their own" → "your own".
pub(crate) fn to_second_person(action: &str, first_person: bool) -> String {
    let mut out = Vec::new();
    let words: Vec<&str> = action.split(' ').collect();
    let mut others_seen = false;
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        others_seen |= names_others(w);
        let swapped = match (*w, first_person) {
            ("my", true) | ("our", true) => "your",
            ("me", true) | ("us", true) => "you",
            ("myself", true) | ("ourselves", true) => "yourself",
            ("themselves", false) => "yourself",
            // "their" is the reader's where it names the reader's own things, or before anyone
            // else is named ("wear their badge", not "support pupils in their learning").
            ("their", false) if !others_seen || OWN_THINGS.iter().any(|t| next.starts_with(t)) => {
                "your"
            }
            (other, _) => other,
        };
        out.push(swapped);
    }
    out.join(" ")
}

/// Things that are the reader's own when a duty says "their …".
const OWN_THINGS: [&str; 26] = [
    "own",
    "bag",
    "belonging",
    "personal",
    "phone",
    "mobile",
    "password",
    "username",
    "login",
    "device",
    "account",
    "car",
    "role",
    "position",
    "line",
    "professional",
    "work",
    "private",
    "communication",
    "conduct",
    "behaviour",
    "action",
    "motive",
    "responsibilit",
    "dut",
    "intention",
];

pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.clone().next()) {
        // Keep acronyms ("DBS", "ICT") as written.
        (Some(c), Some(n)) if c.is_uppercase() && !n.is_uppercase() => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::to_second_person;

    #[test]
    fn their_is_the_reader_s_until_someone_else_is_named() {
        assert_eq!(
            to_second_person("wear their badge at all times", false),
            "wear your badge at all times"
        );
        let pupils = "support pupils in their learning";
        assert_eq!(to_second_person(pupils, false), pupils);
    }
}
