//! The moment of a report: a duty to pass something on ("report any data breach to the DPO",
//! "share low-level concerns with the head") is met when the reader comes across the thing it
//! passes on ("You become aware of a data breach", "You have a concern about a colleague").

/// Verbs that pass on something the reader has come across; their object is the moment.
pub(super) const REPORTING: [&str; 8] = [
    "report", "raise", "share", "refer", "pass", "disclose", "record", "log",
];

/// Nouns that name something a member of staff comes across and is to pass on.
const OCCASIONS: [&str; 15] = [
    "concern",
    "worry",
    "suspicion",
    "breach",
    "incident",
    "allegation",
    "disclosure",
    "accident",
    "near miss",
    "malpractice",
    "wrongdoing",
    "misconduct",
    "loss",
    "theft",
    "complaint",
];

/// Words after which a reported thing has ended and its recipient or manner begins.
const OBJECT_ENDS: [&str; 14] = [
    "to",
    "with",
    "immediately",
    "promptly",
    "straight",
    "without",
    "as",
    "at",
    "in",
    "via",
    "through",
    "using",
    "on",
    "directly",
];

/// "report any data breach to the DPO" → "You become aware of a data breach. Under your policy,
/// do you have to report it to the DPO?"; none when the action reports nothing a member of staff
/// comes across.
pub(super) fn reported(action: &str) -> Option<String> {
    // "normally report …": the adverb is the options' to say; the moment asks of the act.
    let tokens: Vec<&str> = action
        .split_whitespace()
        .skip_while(|w| w.ends_with("ly"))
        .collect();
    let verb = tokens.first()?.to_lowercase();
    if !REPORTING.contains(&verb.as_str()) {
        return None;
    }
    // "pass on concerns", "pass concerns on": the particle is part of the verb.
    let mut at = 1;
    let said_verb = tokens[0].to_string();
    // "pass it on": the particle goes after the pronoun.
    let mut particle = "";
    if verb == "pass" {
        if tokens.get(1).map(|w| w.to_lowercase()) != Some("on".into()) {
            return None;
        }
        particle = " on";
        at = 2;
    }
    let end = tokens[at..]
        .iter()
        .position(|w| OBJECT_ENDS.contains(&w.to_lowercase().trim_end_matches(',')))
        .map_or(tokens.len(), |i| at + i);
    let object = &tokens[at..end];
    let rest = tokens[end..].join(" ");
    let (thing, plural) = occasion(object)?;
    let pronoun = if plural { "them" } else { "it" };
    let tail = if rest.is_empty() {
        String::new()
    } else {
        format!(" {rest}")
    };
    // A worry is had; a breach or an incident is come across.
    let held = ["concern", "worry", "worries", "suspicion"]
        .iter()
        .any(|n| thing.split_whitespace().any(|w| w.starts_with(n)));
    let meet = if held { "have" } else { "become aware of" };
    Some(format!(
        "You {meet} {thing}. Under your policy, do you have to {said_verb} {pronoun}{particle}{tail}?"
    ))
}

/// The reported thing as a moment names it, and whether it is plural: "any concerns about a
/// colleague" → ("concerns about a colleague", true), "any data breach" → ("a data breach",
/// false). None when it names no occasion or points back ("the concern", "these").
fn occasion(object: &[&str]) -> Option<(String, bool)> {
    let first = object.first()?.to_lowercase();
    let rest = match first.as_str() {
        "any" | "all" | "every" | "a" | "an" | "your" => &object[1..],
        "the" | "this" | "these" | "those" | "that" | "such" | "it" | "them" => return None,
        _ => object,
    };
    let phrase = rest.join(" ");
    let lower = phrase.to_lowercase();
    // The head noun: the last word before "about", "of", "regarding" or the end.
    let head = lower
        .split(" about ")
        .next()
        .and_then(|h| h.split(" of ").next())
        .and_then(|h| h.split(" regarding ").next())
        .unwrap_or("")
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    // "worries" → "worry", "concerns" → "concern"; "loss" and "malpractice" are singular.
    let singular = match head.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None if head.ends_with("ss") => head.clone(),
        None => head.strip_suffix('s').unwrap_or(&head).to_string(),
    };
    if phrase.is_empty() || !OCCASIONS.iter().any(|o| singular.ends_with(o)) {
        return None;
    }
    // "concerns" or "low-level concerns" alone is vague as a moment: "a low-level concern" is
    // one the reader could have; "concerns about a colleague" keeps what they are about.
    if singular != head && phrase.to_lowercase().ends_with(&head) {
        let one = format!("{}{singular}", &phrase[..phrase.len() - head.len()]);
        return Some((with_article(&one), false));
    }
    let plural = singular != head;
    let said = match (plural, first.as_str()) {
        (true, _) => phrase,
        (false, "a" | "an" | "any" | "every" | "your") => with_article(&phrase),
        // "malpractice", "wrongdoing": a mass noun needs no article.
        (false, _) => phrase,
    };
    Some((said, plural))
}

/// "a breach", "an incident".
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thing_passed_on_is_the_moment_and_a_thing_from_before_is_none() {
        assert_eq!(
            reported("share any worries about a pupil with the lead").as_deref(),
            Some("You have worries about a pupil. Under your policy, do you have to share them with the lead?")
        );
        assert_eq!(
            reported("share low-level concerns in writing").as_deref(),
            Some("You have a low-level concern. Under your policy, do you have to share it in writing?")
        );
        assert_eq!(
            reported("pass on any theft to the office").as_deref(),
            Some("You become aware of a theft. Under your policy, do you have to pass it on to the office?")
        );
        for none in [
            "report the matter to the head",
            "report it to the head",
            "record the date in the log",
            "tell the head about any concern",
        ] {
            assert!(reported(none).is_none(), "{none}");
        }
    }
}
