//! Tokens for look-up: lower-cased words, everyday phrases and synonyms folded onto policy
//! words, stop words dropped, Snowball-stemmed (the `rust-stemmers` crate).

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Words too common to tell clauses apart.
const STOP: [&str; 84] = [
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "be", "been", "it", "its", "this", "that", "these", "those",
    "i", "me", "my", "you", "your", "we", "our", "they", "their", "them", "he", "she", "his",
    "her", "can", "could", "should", "must", "may", "might", "will", "would", "do", "does", "did",
    "not", "what", "which", "who", "when", "where", "how", "any", "all", "some", "about", "into",
    "than", "there", "so", "have", "has", "am", "ok", "staff", "school", "policy", "member", "get",
    "need", "needs", "i'm", "i've", "it's", "don't", "can't",
];

/// Everyday words folded onto the word a policy is likely to use.
const SYNONYMS: [(&str, &str); 66] = [
    ("photo", "image"),
    ("photograph", "image"),
    ("picture", "image"),
    ("pic", "image"),
    ("video", "image"),
    ("selfie", "image"),
    ("clip", "image"),
    ("facebook", "social"),
    ("instagram", "social"),
    ("twitter", "social"),
    ("tiktok", "social"),
    ("snapchat", "social"),
    ("linkedin", "social"),
    ("network", "social"),
    ("networking", "social"),
    ("online", "social"),
    ("follow", "friend"),
    ("connect", "friend"),
    ("add", "friend"),
    ("befriend", "friend"),
    ("mum", "parent"),
    ("dad", "parent"),
    ("mother", "parent"),
    ("father", "parent"),
    ("carer", "parent"),
    ("guardian", "parent"),
    ("child", "pupil"),
    ("children", "pupil"),
    ("kid", "pupil"),
    ("student", "pupil"),
    ("former", "ex"),
    ("old", "ex"),
    ("leaver", "ex"),
    ("coworker", "colleague"),
    ("co-worker", "colleague"),
    ("mobile", "phone"),
    ("number", "phone"),
    ("whatsapp", "phone"),
    ("text", "phone"),
    ("telephone", "phone"),
    ("e-mail", "email"),
    ("login", "password"),
    ("log-in", "password"),
    ("log", "password"),
    ("upload", "post"),
    ("publish", "post"),
    ("share", "post"),
    ("rude", "insult"),
    ("mock", "insult"),
    ("criticise", "insult"),
    ("criticize", "insult"),
    ("critic", "insult"),
    ("troll", "bully"),
    ("harass", "bully"),
    ("cyber", "bully"),
    ("laptop", "equipment"),
    ("computer", "equipment"),
    ("device", "equipment"),
    ("ipad", "equipment"),
    ("private", "privacy"),
    ("secret", "confidential"),
    ("logo", "brand"),
    ("webspace", "profile"),
    ("homepage", "profile"),
    ("solely", "only"),
    ("employer", "employee"),
];

/// Everyday words for what policies on other subjects name (safeguarding, data, phones); a
/// word may stand for two policy words ("tell" is reporting a concern or disclosing a secret).
const MORE_SYNONYMS: [(&str, &str); 28] = [
    ("pint", "alcohol"),
    ("beer", "alcohol"),
    ("wine", "alcohol"),
    ("drink", "alcohol"),
    ("drunk", "alcohol"),
    ("vape", "smoke"),
    ("cigarette", "smoke"),
    ("whilst", "while"),
    ("usb", "removable"),
    ("save", "store"),
    ("tell", "report disclose"),
    ("inform", "report"),
    ("notify", "report"),
    ("alert", "report"),
    ("reveal", "disclose"),
    ("divulge", "disclose"),
    ("talk", "discuss"),
    ("speak", "discuss"),
    ("clarification", "unsure"),
    ("clarify", "unsure"),
    ("crb", "dbs"),
    ("secrecy", "confidential"),
    ("confidentiality", "confidential"),
    ("nappies", "nappy"),
    ("toileting", "toilet"),
    ("unsupervised", "alone"),
    ("lone", "alone"),
    ("isolated", "alone"),
];

/// Everyday phrases folded onto one look-up word before words are split.
const PHRASES: [(&str, &str); 26] = [
    ("on my own", "alone"),
    ("on their own", "alone"),
    ("on your own", "alone"),
    ("by myself", "alone"),
    ("one-to-one", "alone"),
    ("one to one", "alone"),
    ("won't tell", "confidential"),
    ("will not tell", "confidential"),
    ("not tell anyone", "confidential"),
    ("keep it a secret", "confidential"),
    ("keep it secret", "confidential"),
    ("memory stick", "removable"),
    ("usb stick", "removable"),
    ("pen drive", "removable"),
    ("not sure", "unsure"),
    ("police check", "dbs"),
    ("criminal record check", "dbs"),
    ("disclosure and barring", "dbs"),
    ("members of staff", "colleague"),
    ("member of staff", "colleague"),
    ("staff members", "colleague"),
    ("under-1", "under 1"),
    ("re-enter", "reenter"),
    ("go back into", "reenter"),
    ("go back in", "reenter"),
    ("return to the building", "reenter"),
];

/// Each synonym's written forms ("add", "adds", "added", "adding") mapped to the stems of what
/// it stands for. Forms, not stems, are the keys: "employer" and "employment" share a stem but
/// not a meaning.
static SYNONYM_FORMS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (from, to) in SYNONYMS.iter().chain(MORE_SYNONYMS.iter()) {
        let targets: Vec<String> = to.split_whitespace().map(stem).collect();
        let base = from.strip_suffix('e').unwrap_or(from);
        for form in [
            from.to_string(),
            format!("{from}s"),
            format!("{from}es"),
            format!("{from}d"),
            format!("{from}ed"),
            format!("{from}ing"),
            format!("{base}ing"),
        ] {
            map.entry(form).or_insert_with(|| targets.clone());
        }
    }
    map
});

/// A word's Snowball (Porter 2) stem: "smoking" and "smoke" meet, as do "images" and "image".
fn stem(word: &str) -> String {
    Stemmer::create(Algorithm::English)
        .stem(word.trim_matches('\''))
        .into_owned()
}

/// The canonical forms of one word: none for a stop word, the synonym's for a synonym.
fn canonical(word: &str) -> Vec<String> {
    if word.is_empty() || STOP.contains(&word) {
        return Vec::new();
    }
    match SYNONYM_FORMS.get(word) {
        Some(to) => to.clone(),
        None => vec![stem(word)],
    }
}

/// The look-up tokens of a text.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut lower = text.to_lowercase().replace(['’', '‘'], "'");
    for (phrase, word) in PHRASES {
        if lower.contains(phrase) {
            lower = lower.replace(phrase, &format!(" {word} "));
        }
    }
    let mut out = Vec::new();
    for raw in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let word = raw.trim_matches('\'');
        let word = word.strip_suffix("'s").unwrap_or(word);
        out.extend(canonical(word));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_phrases_and_inflections_meet_policy_words() {
        assert_eq!(tokens("Can I smoke on my own?"), tokens("smoking alone"));
        assert_eq!(tokens("a USB stick"), tokens("removable media")[..1]);
        assert_eq!(tokens("tell"), ["report", "disclos"]);
    }

    #[test]
    fn everyday_words_meet_policy_words() {
        assert_eq!(
            tokens("My pupil's mum added me on Facebook"),
            ["pupil", "parent", "friend", "social"]
        );
        assert_eq!(
            tokens("friend requests from parents"),
            ["friend", "request", "parent"]
        );
        assert_eq!(tokens("posting photographs"), ["post", "imag"]);
    }
}
