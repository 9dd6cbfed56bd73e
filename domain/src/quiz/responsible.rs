//! Whose duty a "responsible for" sentence names: "It will be the responsibility of the manager
//! to …", "The club welfare officer is responsible for …".

use super::holders::{holder_of, Holder, OFFICES};
use regex::Regex;
use std::sync::LazyLock;

/// "It will be the responsibility of the manager to ensure …": whose duty the sentence names.
static RESPONSIBLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:is|are|will be|remains)\s+the\s+(?:responsibility|role|job|duty)\s+of\s+([^,;]+?)\s+to\b")
        .ok()
});

/// "The club welfare officer is responsible for …", "If …, the DSL will be accountable for …":
/// the subject before the verb (after an opening condition) is whose duty it is.
static RESPONSIBLE_FOR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:if|when|where|once|after|before|unless|whilst|while)\b[^,]*,\s+)?([^;]+?)\s+(?:is|are|will be|remains|remain)\s+(?:also |solely |ultimately |overall |directly )?(?:responsible|accountable)\s+for\b")
        .ok()
});

/// The holder a "the responsibility of X to …" or "X is responsible for …" sentence names.
pub(crate) fn responsible(text: &str) -> Option<Holder> {
    let named = RESPONSIBLE
        .as_ref()
        .and_then(|re| re.captures(text))
        .or_else(|| RESPONSIBLE_FOR.as_ref()?.captures(text.trim()))?
        .get(1)?
        .as_str();
    let holder = holder_of(&named.to_lowercase(), named)?;
    // "The LTA Safeguarding Team": a named office, though "Safeguarding" reads like a participle
    // that ends the subject's head.
    let lower = named.to_lowercase();
    let last = lower.rsplit(' ').next().unwrap_or("");
    let office = OFFICES.contains(&last.strip_suffix('s').unwrap_or(last));
    Some(match holder {
        Holder::Thing(_) if office => Holder::Role {
            name: named.to_string(),
            stock: None,
        },
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_team_holds_its_responsibility_and_staff_hold_theirs() {
        let team =
            responsible("The Regional Safeguarding Team is responsible for assessing concerns.");
        assert!(matches!(team, Some(Holder::Role { .. })), "{team:?}");
        assert_eq!(
            responsible("Staff are responsible for reporting any concern."),
            Some(Holder::Reader)
        );
        // Whoever hears a disclosure is the reader: the commas inside the subject do not cut
        // it short to "or otherwise learns of a concern".
        let hearer = responsible("The person who is told about, hears of, or otherwise learns of a concern is responsible for following this procedure.");
        assert!(!matches!(hearer, Some(Holder::Role { .. })), "{hearer:?}");
    }
}
