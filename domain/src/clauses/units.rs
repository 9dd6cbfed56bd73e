//! Pass one: classified lines become units — headings, numbered items, bullets and paragraphs —
//! with wrapped lines joined and text carried across page breaks.

use super::modality::{classify, is_agreement_lead, Source};
use super::normalize::{Kind, Line};
use super::tokens::{is_heading, is_terminal, starts_lowercase, starts_with_modal, token, Token};

/// What a unit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// A heading, with its number when it has one.
    Heading { number: Option<Vec<u32>> },
    /// A numbered clause.
    Numbered { number: Vec<u32> },
    /// A bulleted (or lettered) list entry.
    Bullet,
    /// A paragraph.
    Paragraph,
}

/// One heading, numbered item, bullet or paragraph, with its wrapped lines joined.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// What the unit is.
    pub kind: UnitKind,
    /// The unit's text, lines joined with single spaces.
    pub text: String,
}

/// Groups lines into units.
pub(crate) fn units(lines: &[Line]) -> Vec<Unit> {
    let width = wrap_width(lines);
    let one_per_line = paragraph_per_line(lines);
    let mut out: Vec<Unit> = Vec::new();
    // Whether the last unit may still take continuation lines, and whether a blank came since.
    let mut open = false;
    let mut gap = false;
    let mut last_line_len = 0usize;
    let mut last_single: u32 = 0;
    // True while numbered entries follow a lead-in ending in a colon.
    let mut lead_entries = false;
    // True while the units pushed are a lead-in's unmarked entries, one to a line.
    let mut plain_entries = false;
    // True under an agreement lead-in ("I agree to:", "Staff must:"): every line up to the next
    // heading or blank line is one of its entries, whatever verb it opens with.
    let mut agreement = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        i += 1;
        match line.kind {
            Kind::Blank | Kind::Furniture | Kind::Date => {
                gap = true;
                continue;
            }
            Kind::Text => {}
        }
        let text = line.text.as_str();
        if gap && out.last().is_some_and(|u| u.kind == UnitKind::Bullet) {
            agreement = false;
        }
        let prev_terminal = out.last().is_none_or(|u| is_terminal(&u.text));
        let joinable = open
            && out
                .last()
                .is_some_and(|u| !matches!(u.kind, UnitKind::Heading { .. }));
        let wrapped = width.is_some_and(|w| last_line_len * 4 >= w * 3);
        let tok = token(text);
        // A number or bullet mid-sentence is text that happened to wrap onto a new line.
        let mid_sentence = joinable && !gap && !prev_terminal;
        let new_unit = match tok {
            Token::Number {
                ref parts,
                ref text,
                section_word,
                dotted,
            } if !mid_sentence
                || (parts.len() > 1 && dotted)
                || sub_number(out.last(), parts)
                || section_word
                || (lead_entries && parts[..] == [last_single + 1]) =>
            {
                let mut body = text.clone();
                if body.is_empty() {
                    match next_text(lines, i) {
                        Some(j) if matches!(token(&lines[j].text), Token::Plain(_)) => {
                            let single_ok =
                                parts.len() > 1 || parts[0] == 1 || parts[0] == last_single + 1;
                            if !single_ok {
                                continue;
                            }
                            body = lines[j].text.clone();
                            i = j + 1;
                        }
                        _ => continue,
                    }
                }
                let number = Some(parts.clone());
                // "I agree to:" / "1. Avoid using …": a number right after a lead-in, or after
                // an entry so placed, is the lead-in's entry however short it is.
                let entry_of_lead = !section_word
                    && out.last().is_some_and(|u| {
                        (u.kind == UnitKind::Paragraph
                            && u.text.trim_end().ends_with(':')
                            && parts[..] == [1])
                            || (lead_entries
                                && matches!(u.kind, UnitKind::Numbered { .. })
                                && parts[..] == [last_single + 1])
                    });
                lead_entries = entry_of_lead;
                if parts.len() == 1 {
                    last_single = parts[0];
                }
                let kind = if !entry_of_lead
                    && (section_word || (is_heading(&body) && !next_is_lowercase(lines, i)))
                {
                    UnitKind::Heading { number }
                } else {
                    UnitKind::Numbered {
                        number: parts.clone(),
                    }
                };
                Some(Unit { kind, text: body })
            }
            Token::Bullet(ref rest) if !mid_sentence || !text.starts_with(['e', 'o']) => {
                let mut body = rest.clone();
                if body.is_empty() {
                    match next_text(lines, i) {
                        Some(j) => {
                            body = lines[j].text.clone();
                            i = j + 1;
                        }
                        None => continue,
                    }
                }
                Some(Unit {
                    kind: UnitKind::Bullet,
                    text: body,
                })
            }
            _ => None,
        };
        if let Some(unit) = new_unit {
            plain_entries = false;
            agreement = false;
            last_line_len = unit.text.chars().count();
            out.push(unit);
            open = true;
            gap = false;
            continue;
        }
        // A short line reading as a heading after an unwrapped line starts a new section.
        let fresh_heading =
            is_heading(text) && width.is_some() && !wrapped && !next_is_lowercase(lines, i);
        let new_entry = prev_terminal && starts_with_modal(text);
        let in_item = out
            .last()
            .is_some_and(|u| matches!(u.kind, UnitKind::Numbered { .. } | UnitKind::Bullet));
        let heading_here = prev_terminal && is_heading(text) && !next_is_lowercase(lines, i);
        // Where every paragraph is one line, a line never wraps: a capital starts a new entry
        // (an unmarked list: "Mobile phones are not to be …" / "Staff may give out …").
        let unwrapped_entry = one_per_line && !starts_lowercase(text);
        // "Coaches must not:" after an entry with no full stop heads the next list: it is no
        // wrapped tail of that entry.
        let next_lead = in_item
            && !starts_lowercase(text)
            && text.trim_end().ends_with(':')
            && next_text(lines, i).is_some_and(|j| {
                matches!(
                    token(&lines[j].text),
                    Token::Bullet(_) | Token::Number { .. }
                )
            });
        // "I agree to:" over entries one to a line with no marker and no full stop ("Keep my
        // password private" / "Avoid using personal devices …"): each instruction is the lead-in's
        // entry, neither a heading nor the wrapped tail of the entry above.
        let plain_entry = matches!(tok, Token::Plain(_))
            && !starts_lowercase(text)
            && text.split_whitespace().count() <= 30
            && out.last().is_some_and(|u| {
                (u.kind == UnitKind::Paragraph && u.text.trim_end().ends_with(':'))
                    || (plain_entries && u.kind == UnitKind::Bullet)
            })
            && classify(text).1 == Source::Imperative;
        // A short verbless line is the next heading; a line carried on from an unfinished entry
        // is that entry's tail.
        let heading_line = is_heading(text)
            && classify(text).1 == Source::None
            && text.split_whitespace().count() <= 4;
        let agreement_entry = agreement
            && matches!(tok, Token::Plain(_))
            && !starts_lowercase(text)
            && !text.trim_end().ends_with(':')
            && !heading_line
            && (!wrapped || prev_terminal);
        agreement &= !heading_line;
        let plain_entry = plain_entry || agreement_entry;
        plain_entries = plain_entry;
        let continues = joinable
            && !plain_entry
            && !new_entry
            && !unwrapped_entry
            && !next_lead
            && if gap {
                !prev_terminal && starts_lowercase(text)
            } else {
                (!prev_terminal && !fresh_heading)
                    || (in_item && !heading_here)
                    || starts_lowercase(text)
                    || (wrapped && !is_heading(text))
            };
        if let (true, Some(last)) = (continues, out.last_mut()) {
            if !last.text.is_empty() {
                last.text.push(' ');
            }
            last.text.push_str(text);
        } else {
            let after_heading = out
                .last()
                .is_some_and(|u| matches!(u.kind, UnitKind::Heading { .. }));
            let after_sentence = prev_terminal || gap || !open || after_heading || fresh_heading;
            // Where paragraphs are one line each, the lines after a lead-in are its entries
            // ("Staff must adhere to the following:" / "Mobile phones are not to be …").
            let entry_of_lead = one_per_line
                && out.last().is_some_and(|u| {
                    u.text.trim_end().ends_with(':') || (u.kind == UnitKind::Bullet && !gap)
                });
            let kind = if entry_of_lead || plain_entry {
                UnitKind::Bullet
            } else if after_sentence && is_heading(text) && !next_is_lowercase(lines, i) {
                UnitKind::Heading { number: None }
            } else {
                UnitKind::Paragraph
            };
            agreement = (kind == UnitKind::Paragraph && is_agreement_lead(text))
                || (agreement && plain_entry);
            out.push(Unit {
                kind,
                text: text.to_owned(),
            });
        }
        last_line_len = text.chars().count();
        open = true;
        gap = false;
    }
    out
}

/// The index of the next text line at or after `from`.
fn next_text(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| lines[j].kind == Kind::Text)
}

/// True when the line right after `from - 1` (no blank between) starts lower-case.
fn next_is_lowercase(lines: &[Line], from: usize) -> bool {
    lines.get(from).is_some_and(|l| {
        l.kind == Kind::Text
            && starts_lowercase(&l.text)
            && matches!(token(&l.text), Token::Plain(_))
    })
}

/// True when the document writes each paragraph on one line (a web page or a word processor's
/// plain-text export): its sentence-ending lines are long.
fn paragraph_per_line(lines: &[Line]) -> bool {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| l.kind == Kind::Text && l.text.ends_with(['.', '!', '?']))
        .map(|l| l.text.chars().count())
        .collect();
    if lens.len() < 2 {
        return false;
    }
    lens.sort_unstable();
    lens[lens.len() / 2] >= 150
}

/// The width at which the document's lines were hard-wrapped, if they were.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| l.kind == Kind::Text)
        .map(|l| l.text.chars().count())
        .collect();
    if lens.len() < 8 {
        return None;
    }
    lens.sort_unstable();
    let p90 = lens[lens.len() * 9 / 10];
    let max = *lens.last()?;
    (max <= 140 && p90 >= 50).then_some(p90)
}

/// True when a number is the first sub-number of the numbered unit before it ("1.1" after "1.
/// What staff should do"): a heading with a modal in it has no stop, but the clause numbered
/// under it starts a clause of its own, not a wrapped line of the heading.
fn sub_number(last: Option<&Unit>, parts: &[u32]) -> bool {
    let Some(Unit {
        kind: UnitKind::Numbered { number },
        ..
    }) = last
    else {
        return false;
    };
    parts.len() == number.len() + 1 && parts.starts_with(number) && parts.last() == Some(&1)
}
