//! The condition a duty opens with ("If a child discloses, …"), said before its holder.

/// Words opening a condition before the subject ("If a child discloses, staff must …").
pub(crate) const CONDITION_WORDS: [&str; 10] = [
    "if", "when", "where", "whilst", "while", "before", "after", "unless", "once", "in",
];

/// Splits "If a child discloses, staff" into the condition and the subject; of a run-on
/// sentence ("… emerging media - the principles …") only the last part is the subject.
pub(crate) fn split_condition(before: &str) -> (Option<String>, &str) {
    let before = [" - ", " – ", "; "]
        .iter()
        .filter_map(|sep| before.rsplit_once(sep).map(|(_, tail)| tail))
        .min_by_key(|tail| tail.len())
        .unwrap_or(before);
    // "Even where …" is a condition as much as "Where …" is.
    let before = before
        .strip_prefix("Even ")
        .or_else(|| before.strip_prefix("even "))
        .unwrap_or(before);
    let first = before
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if CONDITION_WORDS.contains(&first.as_str()) {
        // "If there is evidence … then the investigating officer": "then" ends the condition.
        for sep in [", then ", ", ", " then "] {
            if let Some((cond, subject)) = before.rsplit_once(sep) {
                return (Some(cond.trim().to_string()), subject.trim());
            }
        }
    }
    (None, before)
}
