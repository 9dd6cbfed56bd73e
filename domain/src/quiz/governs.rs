//! What a duty governs: the action its holder is to take, with the condition it is taken under
//! and the thing a passive duty is about. A situation is decided only by a duty that governs the
//! situation's own action, never by one that merely shares its topic words ("photographs must
//! not go on social media" says nothing about accepting a pupil's friend request).

use super::condition::CONDITION_WORDS;
use super::holders::Holder;
use super::parsed::parse;
use super::text::has_fragment;
use crate::clauses::{Clause, Duty};

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
    parts.push(without_exception(&rest));
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

/// True when every group (its verb, its object …) has a fragment in the governed text.
pub(crate) fn governs(acts: &[Vec<String>], governed: &str) -> bool {
    acts.iter()
        .all(|group| group.iter().any(|f| has_fragment(governed, f)))
}
