//! Pass two: units become raw clauses with full ids, sections, lead-ins and list items.

use std::collections::HashSet;

use super::modality;
use super::normalize;
use super::pattern::pats;
use super::tokens::{is_lead_in, starts_lowercase};
use super::units::{Unit, UnitKind};

/// A clause before its sentences are classified.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawClause {
    /// The clause id: its number in full, or a positional id.
    pub id: String,
    /// The heading of the section it sits in.
    pub section: String,
    /// Its paragraphs and list entries in document order; the first is its own text.
    pub parts: Vec<Part>,
    /// The lead-in that governs its first sentence ("Adults working in schools should not:").
    pub lead: Option<String>,
}

/// A paragraph or list entry of a clause.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    /// The text, wrapped lines joined.
    pub text: String,
    /// True for a list entry, false for a paragraph.
    pub item: bool,
}

pats! {
    ADVICE_INTRO = r"(?i)\b(best practice|good practice|recommendations?)\b";
    FURNITURE_HEADING = r"(?i)^(our |the |school )*(vision|mission|motto|core values|values|ethos|prayer|school prayer|scripture|mission statement|vision statement|our aims and values)s?\b";
}

#[derive(Default)]
struct Section {
    title: String,
    number: Option<Vec<u32>>,
    ordinal: usize,
    paragraphs: usize,
    /// Whether single numbers restart within this section (item `3.` under section `3` is `3.3`).
    restarts: Option<bool>,
    /// Numbered items placed under it so far.
    items: usize,
    /// An unnumbered heading inside a numbered one ("7.1 Risk factors", then "The person").
    inherited: bool,
}

/// Builds raw clauses from units.
pub(crate) fn clauses(units: &[Unit]) -> Vec<RawClause> {
    let mut out: Vec<RawClause> = Vec::new();
    let mut used: HashSet<String> = HashSet::new();
    let mut section = Section::default();
    // The numbered clause still taking continuation paragraphs and list items.
    let mut open_numbered: Option<usize> = None;
    let mut lead: Option<String> = None;
    // True while plain paragraphs may still be entries of the lead-in before them.
    let mut plain_entries = false;
    let mut furniture = false;
    for (idx, unit) in units.iter().enumerate() {
        let text = unit.text.trim().to_owned();
        if !matches!(unit.kind, UnitKind::Bullet | UnitKind::Paragraph) {
            plain_entries = false;
        }
        match &unit.kind {
            UnitKind::Heading { number } => {
                if number.is_none() && is_table_row(&text) {
                    continue;
                }
                if furniture && !ends_furniture(units, idx) {
                    continue;
                }
                furniture = FURNITURE_HEADING.is_match(&text) && number.is_none();
                // Unnumbered headings straight under a numbered heading with no text of its own
                // (a table's row labels under "7.1 Risk factors") are its parts: their
                // paragraphs keep its number.
                let sub = number.is_none()
                    && section.number.is_some()
                    && (section.inherited || section.paragraphs + section.items == 0);
                section = Section {
                    title: text.trim_end_matches(':').trim().to_owned(),
                    number: if sub {
                        section.number.clone()
                    } else {
                        number.clone()
                    },
                    ordinal: section.ordinal + 1,
                    paragraphs: if sub { section.paragraphs } else { 0 },
                    inherited: sub,
                    ..Section::default()
                };
                open_numbered = None;
                let before = idx.checked_sub(1).and_then(|i| units.get(i));
                lead = heading_lead(&text, before.map(|u| u.text.as_str()));
            }
            _ if furniture => {
                if matches!(unit.kind, UnitKind::Numbered { .. }) {
                    furniture = false;
                } else {
                    continue;
                }
                push_numbered(
                    &mut out,
                    &mut used,
                    &mut section,
                    unit,
                    &text,
                    &lead,
                    &mut open_numbered,
                );
            }
            UnitKind::Numbered { .. } => {
                push_numbered(
                    &mut out,
                    &mut used,
                    &mut section,
                    unit,
                    &text,
                    &lead,
                    &mut open_numbered,
                );
            }
            UnitKind::Paragraph if normalize::is_furniture(&text) || is_table_row(&text) => {}
            UnitKind::Bullet | UnitKind::Paragraph => {
                // "I agree to:" over plain paragraphs ("Avoid …", "Keep …"): each bare
                // imperative right after the lead-in, or after another such entry, is its entry.
                let plain_entry = plain_entries && is_plain_entry(unit);
                let item = unit.kind == UnitKind::Bullet || starts_lowercase(&text) || plain_entry;
                let next = units.get(idx + 1);
                let next_is_list = next.is_some_and(|u| {
                    matches!(u.kind, UnitKind::Numbered { .. } | UnitKind::Bullet)
                });
                let starts_lead =
                    is_lead_in(&text) && (next_is_list || next.is_some_and(is_plain_entry));
                plain_entries = (starts_lead && !item) || plain_entry;
                if let (Some(n), false) = (open_numbered, starts_lead && !item) {
                    out[n].parts.push(Part { text, item });
                    continue;
                }
                section.paragraphs += 1;
                let id = unique(&mut used, positional_id(&section));
                let clause_lead = if item { lead.clone() } else { None };
                if !item {
                    lead = starts_lead.then(|| text.clone());
                    // "5.1 … . Individuals also have the right to:" — a lead-in after a numbered
                    // clause opens its own list; the entries are not the numbered clause's.
                    open_numbered = None;
                }
                out.push(RawClause {
                    id,
                    section: section.title.clone(),
                    parts: vec![Part { text, item: false }],
                    lead: clause_lead,
                });
            }
        }
    }
    out
}

fn push_numbered(
    out: &mut Vec<RawClause>,
    used: &mut HashSet<String>,
    section: &mut Section,
    unit: &Unit,
    text: &str,
    lead: &Option<String>,
    open_numbered: &mut Option<usize>,
) {
    let UnitKind::Numbered { number } = &unit.kind else {
        return;
    };
    section.items += 1;
    let mut full = number.clone();
    if let (1, Some(sec)) = (number.len(), &section.number) {
        let restarts = *section
            .restarts
            .get_or_insert(number[0] == 1 || sec.len() > 1);
        if restarts {
            full = sec.iter().copied().chain(number.iter().copied()).collect();
        }
    }
    let id = full
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".");
    out.push(RawClause {
        id: unique(used, id),
        section: section.title.clone(),
        parts: vec![Part {
            text: text.to_owned(),
            item: false,
        }],
        lead: lead.clone(),
    });
    *open_numbered = Some(out.len() - 1);
}

/// True for a paragraph that is a bare imperative ("Avoid using …", "Do not share …"): the
/// shape of a list entry whose marker the layout lost.
fn is_plain_entry(unit: &Unit) -> bool {
    unit.kind == UnitKind::Paragraph
        && !is_lead_in(&unit.text)
        && modality::classify(&unit.text).1 == modality::Source::Imperative
}

/// True for a table's row of column headings laid out as one line ("Date Name Location Expected
/// Finish Time Check-In Time …"): seven or more words, every one capitalised, none ending a
/// phrase or joining others. No policy writes a rule or a heading that way, so it is neither.
fn is_table_row(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    words.len() >= 7
        && words.iter().all(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        && !words.iter().any(|w| w.ends_with([',', ';', ':', '.']))
        // A long title joins its words ("… Policy For Staff And Volunteers"); a row does not.
        && !words.iter().any(|w| {
            ["and", "of", "for", "the", "to", "in", "on", "with", "a", "an", "or", "by", "at"]
                .contains(&w.to_lowercase().as_str())
        })
}

/// A positional id from the section and the paragraph's place in it: `2.p3` under a numbered
/// section `2`, `s4.p1` under the fourth heading when headings are unnumbered.
fn positional_id(section: &Section) -> String {
    match &section.number {
        Some(n) => {
            let n: Vec<String> = n.iter().map(u32::to_string).collect();
            format!("{}.p{}", n.join("."), section.paragraphs)
        }
        None => format!("s{}.p{}", section.ordinal, section.paragraphs),
    }
}

/// `id`, or `id-2`, `id-3` … when the document repeats a number.
fn unique(used: &mut HashSet<String>, id: String) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// "Do" and "Don't" headings govern the bare imperatives listed under them: as requirements,
/// or as advice when the text just before calls the list best practice.
fn heading_lead(heading: &str, before: Option<&str>) -> Option<String> {
    let h = heading
        .trim_end_matches(':')
        .trim()
        .to_lowercase()
        .replace('’', "'");
    let advice = before.is_some_and(|b| ADVICE_INTRO.is_match(b));
    let (positive, negative) = if advice {
        ("You should:", "You should not:")
    } else {
        ("You must:", "You must not:")
    };
    match h.as_str() {
        "do" | "dos" | "do's" => Some(positive.to_owned()),
        "don't" | "dont" | "do not" | "don'ts" | "don't's" => Some(negative.to_owned()),
        _ => None,
    }
}

/// True when a heading inside a vision/motto block starts real content again.
fn ends_furniture(units: &[Unit], idx: usize) -> bool {
    if FURNITURE_HEADING.is_match(&units[idx].text) {
        return false;
    }
    match units.get(idx + 1) {
        Some(next) => match &next.kind {
            UnitKind::Paragraph | UnitKind::Bullet => next.text.split_whitespace().count() >= 8,
            UnitKind::Numbered { .. } => true,
            UnitKind::Heading { number } => number.is_some() || ends_furniture(units, idx + 1),
        },
        None => false,
    }
}
