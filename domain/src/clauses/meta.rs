//! The document's description of itself: title, organisation and date lines.

use super::dates;
use super::model::PolicyMeta;
use super::normalize::{Kind, Line};
use super::pattern::pats;

pats! {
    TITLE_WORD = r"(?i)\b(polic(y|ies)|agreement|guidance|guidelines|procedures?|code of conduct|protocol|charter|statement)\b";
    ORG_LINE = r"(?i)\b(school|academy|college|trust|federation|council|nursery|infants?|juniors?)\s*$";
    ORG_IN_TEXT = r"\b((?:St\.? |Saint )?[A-Z][\w'’\-]+(?: (?:[A-Z][\w'’\-]*|of|and|&|C of E|CE|CofE|C\.E\.))*? (?:School|Academy|College))\b";
    NUMBERED = r"^(\d{1,2}(\.\d{1,3})*\.?|section \d+)(\s|$)";
}

const NOT_A_NAME: [&str; 14] = [
    "The",
    "This",
    "Our",
    "Any",
    "All",
    "Each",
    "Every",
    "A",
    "An",
    "Your",
    "Whole",
    "Primary",
    "Secondary",
    "Local",
];

/// Reads title, organisation and dates, marking the title and organisation lines as furniture.
pub(crate) fn read(lines: &mut [Line]) -> PolicyMeta {
    let mut meta = PolicyMeta::default();
    let head: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind == Kind::Text)
        .map(|(i, _)| i)
        .take(60)
        .collect();
    for (n, &i) in head.iter().enumerate() {
        let text = lines[i].text.clone();
        let words = text.split_whitespace().count();
        if words > 12 || text.ends_with(['.', ';', ',']) || NUMBERED.is_match(&text.to_lowercase())
        {
            continue;
        }
        if meta.title.is_empty() && TITLE_WORD.is_match(&text) && !text.ends_with(':') && words >= 2
        {
            meta.title = text;
            lines[i].kind = Kind::Furniture;
        } else if meta.organisation.is_none() && ORG_LINE.is_match(&text) && words >= 2 && n < 12 {
            meta.organisation = Some(text);
            lines[i].kind = Kind::Furniture;
        }
    }
    if meta.organisation.is_none() {
        meta.organisation = lines
            .iter()
            .filter(|l| l.kind == Kind::Text)
            .find_map(|l| organisation_in(&l.text));
    }
    let date_lines: Vec<&str> = lines
        .iter()
        .filter(|l| l.kind == Kind::Date)
        .map(|l| l.text.as_str())
        .collect();
    dates::read_dates(&date_lines, &mut meta);
    meta
}

/// The first proper name ending in School, Academy or College in `text`.
fn organisation_in(text: &str) -> Option<String> {
    let caps = ORG_IN_TEXT.captures(text)?;
    let name = caps.get(1)?.as_str();
    let first = name.split_whitespace().next()?;
    if NOT_A_NAME.contains(&first) || name.split_whitespace().count() < 2 {
        return None;
    }
    Some(name.to_owned())
}
