//! Tokens for look-up: lower-cased words, stop words dropped, lightly stemmed, synonyms folded.

/// Words too common to tell clauses apart.
const STOP: [&str; 77] = [
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "be", "been", "it", "its", "this", "that", "these", "those",
    "i", "me", "my", "you", "your", "we", "our", "they", "their", "them", "he", "she", "his",
    "her", "can", "could", "should", "must", "may", "might", "will", "would", "do", "does", "did",
    "not", "what", "which", "who", "when", "where", "how", "any", "all", "some", "about", "into",
    "than", "there", "so", "have", "has", "am", "ok", "staff", "school", "policy", "member", "get",
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

/// Strips the commonest English endings; good enough to match "requests" with "request".
fn stem(word: &str) -> String {
    let w = word.trim_matches('\'');
    let n = w.chars().count();
    let cut = |suffix: &str, keep: &str| format!("{}{keep}", &w[..w.len() - suffix.len()]);
    if n > 4 && w.ends_with("ies") {
        cut("ies", "y")
    } else if n > 5 && w.ends_with("ing") {
        cut("ing", "")
    } else if n > 4 && w.ends_with("ed") && !w.ends_with("eed") {
        cut("ed", "")
    } else if n > 3 && (w.ends_with("ches") || w.ends_with("shes") || w.ends_with("sses")) {
        cut("es", "")
    } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        cut("s", "")
    } else {
        w.to_string()
    }
}

/// The canonical form of one word, or none for a stop word.
fn canonical(word: &str) -> Option<String> {
    if word.is_empty() || STOP.contains(&word) {
        return None;
    }
    if let Some((_, to)) = SYNONYMS.iter().find(|(from, _)| *from == word) {
        return Some((*to).to_string());
    }
    let s = stem(word);
    if let Some((_, to)) = SYNONYMS.iter().find(|(from, _)| *from == s) {
        return Some((*to).to_string());
    }
    Some(s)
}

/// The look-up tokens of a text.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace(['’', '‘'], "'");
    let mut out = Vec::new();
    for raw in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let word = raw.trim_matches('\'');
        let word = word.strip_suffix("'s").unwrap_or(word);
        if let Some(t) = canonical(word) {
            out.push(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(tokens("posting photographs"), ["post", "image"]);
    }
}
