//! Reading one line's shape: its clause number, bullet marker, and whether it reads as a heading.

use super::pattern::pats;

/// A line's leading marker, with the text after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// A clause or section number (`3.3`, `2.3.12`, `Section 2:`), with any text after it.
    Number {
        parts: Vec<u32>,
        text: String,
        /// Written as "Section 2" or "Part 2": always a heading.
        section_word: bool,
        /// Written with a trailing dot or bracket ("3." or "3)").
        dotted: bool,
    },
    /// A bullet marker, with any text after it.
    Bullet(String),
    /// Plain text.
    Plain(String),
}

pats! {
    SECTION = r"(?i)^(?:section|part)\s+(\d{1,2})\s*(?:[:.\-–—]\s*)?(.*)$";
    NUMBER = r"^(\d{1,2}(?:\.\d{1,3}){0,5})(\.|\))?(?:\s+(.*))?$";
    BULLET = r"^(?:[-–—•·▪■□◦○●►➢✓✔➤*\u{f000}-\u{f0ff}]|[eo](?:\s+[A-Z|(]))";
    LETTERED = r"^\(?([a-z]|[ivx]{1,4})\)\s+\S";
    MODAL_WORD = r"(?i)\b(must|should|shall|will|may|can|cannot|need|needs|ought|won't|don't|do not)\b";
    // "What staff should do", "How to raise a concern": a heading asked as a question keeps its
    // modal and no stop, and is still a heading.
    ASKED = r"(?i)^(what|how)\b[^,;.]*$";
    DANGLING = r"(?i)\b(and|or|of|the|a|an|to|with|for|in|on|at|by|where|which|that|who|as|from|into|than|but|be|is|are|our|their|its|your)$";
    MODAL_START = r"^(should|must|will|shall|may|can|need|needs)\b";
    RUN_IN = r"^(\d{1,2}\.|\(?[a-h]\))[A-Z]";
    LEAD_IN_WORD = r"(?i)\b(apply|applies|include|includes|including|are|is|be|should|must|will|can|may|expects?|expected|following|to|ensure|understand|agree|means?)\b";
}

/// Reads the marker at the start of a cleaned line.
///
/// A number or letter run into its heading ("1.Definitions", "a)At our school") is read as if
/// a space followed it: converters drop that space, the writer did not.
pub(crate) fn token(line: &str) -> Token {
    if let Some(m) = RUN_IN.find(line) {
        let spaced = format!("{} {}", &line[..m.end() - 1], &line[m.end() - 1..]);
        return token_spaced(&spaced);
    }
    token_spaced(line)
}

fn token_spaced(line: &str) -> Token {
    if let Some(c) = SECTION.captures(line) {
        if let Ok(n) = c[1].parse() {
            return Token::Number {
                parts: vec![n],
                text: c[2].trim().to_owned(),
                section_word: true,
                dotted: true,
            };
        }
    }
    if let Some(c) = NUMBER.captures(line) {
        let parts: Option<Vec<u32>> = c[1].split('.').map(|p| p.parse().ok()).collect();
        let text = c.get(3).map_or("", |m| m.as_str()).trim().to_owned();
        let dotted = c.get(2).is_some();
        if let Some(parts) = parts {
            let single = parts.len() == 1;
            let plausible = !single
                || dotted
                || text.is_empty()
                || text.chars().next().is_some_and(|ch| ch.is_uppercase());
            if plausible && parts.first().is_some_and(|&p| p > 0 || !single) {
                return Token::Number {
                    parts,
                    text,
                    section_word: false,
                    dotted,
                };
            }
        }
    }
    if let Some(m) = BULLET.find(line) {
        let first = line.chars().next().unwrap_or(' ');
        let rest = if matches!(first, 'e' | 'o') {
            &line[1..]
        } else {
            &line[m.end()..]
        };
        let rest = rest.trim().trim_start_matches('|').trim();
        if rest.is_empty()
            || line[m.end()..].starts_with(char::is_whitespace)
            || first == 'e'
            || first == 'o'
        {
            return match token(rest) {
                Token::Number { parts, text, .. } if parts.len() > 1 || !text.is_empty() => {
                    Token::Number {
                        parts,
                        text,
                        section_word: false,
                        dotted: true,
                    }
                }
                _ => Token::Bullet(rest.to_owned()),
            };
        }
    }
    if LETTERED.is_match(line) {
        return Token::Bullet(line.to_owned());
    }
    Token::Plain(line.to_owned())
}

/// True when a line ends a sentence or a list entry.
pub(crate) fn is_terminal(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', ' ']);
    t.ends_with(['.', ';', ':', '!', '?'])
}

/// True when a line starts with a lower-case letter, so it continues a sentence or a lead-in.
pub(crate) fn starts_lowercase(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// True when a line reads as a heading: short, capitalised, unpunctuated and with no modal verb.
pub(crate) fn is_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let Some(first) = text.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    if words == 0 || words > 12 || !(first.is_uppercase() || first.is_numeric()) {
        return false;
    }
    if text.ends_with(':') {
        return words <= 7 && !LEAD_IN_WORD.is_match(text);
    }
    // A sentence in quotation marks ("'Whistleblowing is …'") ends at its stop, not its quote.
    let end = text.trim_end_matches(['"', '\'', '”', '’', ' ']);
    if end.ends_with(['.', ';', ',', '!', '?', '-', '–', '(', '/', '&'])
        || (MODAL_WORD.is_match(text) && !ASKED.is_match(text))
        || DANGLING.is_match(text)
    {
        return false;
    }
    let lower_words = text
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    words <= 10 || lower_words * 2 <= words
}

/// True when a lead-in line introduces a list ("Staff should:", "It aims to:").
pub(crate) fn is_lead_in(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

/// True when a lower-case line opens with a modal verb: an entry of an unmarked list
/// ("should ensure that …") under a heading naming who it binds.
pub(crate) fn starts_with_modal(text: &str) -> bool {
    MODAL_START.is_match(text)
}
