//! What a duty governs: the action its holder is to take, with the condition it is taken under
//! and the thing a passive duty is about. A situation is decided only by a duty that governs the
//! situation's own action, never by one that merely shares its topic words ("photographs must
//! not go on social media" says nothing about accepting a pupil's friend request).

use super::condition::CONDITION_WORDS;
use super::holders::Holder;
use super::parsed::parse;
use super::text::has_fragment;
use crate::clauses::{modality_of, Clause, Duty, Modality};

/// The governed part of a duty, lower-cased: the whole sentence when it does not split into a
/// holder and an action ("Smoking in the presence of children" under "Do not:") or opens with
/// its condition.
pub(crate) fn governed(clause: &Clause, duty: &Duty) -> String {
    let whole = duty.text.to_lowercase();
    // "If a parent has made comments about them on a social networking site, then they should
    // …": all before the main verb is the situation, however its commas split it.
    let first = whole.split_whitespace().next().unwrap_or("");
    // "Avoid lone working at height; if unavoidable, ensure …": a condition read from the middle
    // leaves out what came before it, so the whole sentence is what it governs.
    let Some(parsed) = parse(clause, duty).filter(|p| {
        !CONDITION_WORDS.contains(&first)
            && p.condition
                .as_ref()
                .is_none_or(|c| whole.starts_with(&c.to_lowercase()))
    }) else {
        return without_exception(&whole).to_string();
    };
    let mut parts: Vec<&str> = Vec::new();
    if let Some(condition) = &parsed.condition {
        parts.push(condition);
    }
    // "Photographs of pupils must not be posted …": the thing is what the action is done to.
    if let Holder::Thing(thing) = &parsed.holder {
        parts.push(thing);
    }
    // From the action's verb to the sentence's end, as written: "should wash … and should wear
    // gloves" governs the gloves too, though the action read stops at the first verb phrase.
    let verb = parsed
        .action
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let rest = whole
        .find(&format!(" {verb} "))
        .map_or(parsed.action.to_lowercase(), |i| whole[i + 1..].to_string());
    parts.push(without_recipient(&verb, without_exception(&rest)));
    parts.join(" ").to_lowercase()
}

/// The action without its exception: "give your number to pupils, unless agreed with parents"
/// is about pupils; the parents named in the exception are not what it governs.
fn without_exception(action: &str) -> &str {
    [" unless ", ", unless", " except ", ", except"]
        .iter()
        .filter_map(|w| action.find(w))
        .min()
        .map_or(action, |i| &action[..i])
}

/// Verbs whose "to …" names who is told, not what about: "report any technical concerns to the
/// designated safeguarding lead" is not about safeguarding.
const REPORTING: [&str; 8] = [
    "report", "refer", "pass", "raise", "send", "forward", "escalate", "give",
];

/// The action without the one it goes to, for a reporting verb: "report concerns to the DSL"
/// → "report concerns".
fn without_recipient<'a>(verb: &str, action: &'a str) -> &'a str {
    if !REPORTING.iter().any(|r| verb.starts_with(r)) {
        return action;
    }
    [
        " to the ",
        " to a ",
        " to an ",
        " to your ",
        " to their ",
        " to our ",
        " to any ",
    ]
    .iter()
    .filter_map(|w| action.find(w))
    .min()
    .map_or(action, |i| &action[..i])
}

/// True when every group (its verb, its object …) has a fragment in the governed text.
pub(crate) fn governs(acts: &[Vec<String>], governed: &str) -> bool {
    acts.iter()
        .all(|group| group.iter().any(|f| has_fragment(governed, f)))
}

/// Verbs that carry another action rather than name one ("ensure that …", "use … to …",
/// "be prepared to …", "a check must be undertaken"): the action they carry is matched over
/// the whole governed text.
const CARRIERS: [&str; 46] = [
    "think",
    "consider",
    "ensure",
    "make",
    "take",
    "be",
    "try",
    "seek",
    "remember",
    "continue",
    "endeavour",
    "aim",
    "use",
    "have",
    "get",
    "do",
    "allow",
    "permit",
    "let",
    "need",
    "exercise",
    "always",
    "also",
    "never",
    "avoid",
    "refrain",
    "appear",
    "seem",
    "prepared",
    "ready",
    "willing",
    "able",
    "aware",
    "remain",
    "stay",
    "undertake",
    "undertaken",
    "complete",
    "completed",
    "carry",
    "carried",
    "conduct",
    "conducted",
    "advised",
    "encouraged",
    "expected",
];

/// Modal words after which a further verb of the same duty starts ("… and must not take …").
const MODALS: [&str; 9] = [
    "must", "should", "will", "shall", "may", "can", "cannot", "and", "or",
];

/// The duty's own verbs, lower-cased: the first word of its action past "not", "only", "be"
/// and adverbs ("be posted" → "posted"), and the first of each verb phrase joined to it ("…
/// and should wear gloves"). None when the duty does not split into a holder and an action.
pub(crate) fn own_verbs(clause: &Clause, duty: &Duty) -> Option<Vec<String>> {
    // "Inappropriate physical contact with a child" under "The following are not acceptable:"
    // has no verb of its own to compare.
    if modality_of(&duty.text) == Modality::Info {
        return None;
    }
    let parsed = parse(clause, duty)?;
    let skip = |w: &&String| {
        !["not", "only", "be", "never", "always", "also"].contains(&w.as_str())
            && !MODALS.contains(&w.as_str())
            && !w.ends_with("ly")
    };
    let mut verbs: Vec<String> = super::text::words(&parsed.action)
        .iter()
        .find(skip)
        .cloned()
        .into_iter()
        .collect();
    let words = super::text::words(&governed(clause, duty));
    for (i, w) in words.iter().enumerate() {
        if MODALS.contains(&w.as_str()) {
            if let Some(next) = words[i + 1..].iter().find(skip) {
                verbs.push(next.clone());
            }
        }
    }
    Some(verbs)
}

/// True when one of the duty's own verbs is among the situation's words: "do not bring the
/// school into disrepute" shares its topic with criticising the school online but does not say
/// whether you may post. A duty whose verb only carries another ("ensure …") passes.
pub(crate) fn same_verb(words: &[&Vec<String>], clause: &Clause, duty: &Duty) -> bool {
    own_verbs(clause, duty).is_none_or(|verbs| {
        verbs.iter().any(|verb| {
            CARRIERS.contains(&verb.as_str())
                || words
                    .iter()
                    .copied()
                    .flatten()
                    .any(|f| has_fragment(verb, f.trim_end()) || verb.starts_with(f.trim_end()))
        })
    })
}
