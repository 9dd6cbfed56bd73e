//! Word .docx extraction: paragraphs from `word/document.xml`, with list numbers rebuilt from
//! `word/numbering.xml` so the clause parser sees "1.", "1.1" and bullets as written.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::{Document, Node, ParsingOptions};

use super::limits::{self, MAX_MARKUP, MAX_PART, MAX_UNPACKED};
use crate::error::DomainError;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Reads a .docx file's paragraphs as lines of text, separated by blank lines.
pub(super) fn extract(bytes: &[u8]) -> Result<String, DomainError> {
    limits::check_entries(bytes)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        DomainError::Unreadable("the file is not a valid .docx (it is not a zip archive)".into())
    })?;
    let mut unpacked = 0;
    let document = read_part(&mut zip, "word/document.xml", &mut unpacked)?.ok_or_else(|| {
        DomainError::Unreadable(
            "the zip archive is not a Word document (it has no word/document.xml)".into(),
        )
    })?;
    let numbering = read_part(&mut zip, "word/numbering.xml", &mut unpacked)?;
    let numbering = match numbering {
        Some(xml) => {
            limits::check_markup(&xml, "word/numbering.xml")?;
            // Damaged list definitions cost the lists their numbers, not the text.
            parse(&xml).map_or_else(|_| Numbering::default(), |doc| Numbering::read(&doc))
        }
        None => Numbering::default(),
    };
    limits::check_markup(&document, "word/document.xml")?;
    let doc = parse(&document)?;
    let mut counters = Counters::default();
    let mut out = String::new();
    for p in doc.descendants().filter(|n| is(n, "p")) {
        // Stops at the limit rather than building text only to refuse it.
        limits::check_text(&out)?;
        let text = paragraph_text(p);
        let label = number_of(p).and_then(|(num, level)| counters.label(&numbering, &num, level));
        match label {
            Some(label) if !label.is_empty() => {
                out.push_str(&label);
                out.push(' ');
            }
            _ => {}
        }
        out.push_str(text.trim_end());
        out.push_str("\n\n");
    }
    Ok(out)
}

/// A part's XML as a tree (once [`limits::check_markup`] has found it safe to build).
fn parse(xml: &str) -> Result<Document<'_>, DomainError> {
    let options = ParsingOptions {
        allow_dtd: false,
        // Elements, attributes' owners and the text between them: twice the markup at most.
        nodes_limit: u32::try_from(2 * MAX_MARKUP).unwrap_or(u32::MAX),
    };
    Document::parse_with_options(xml, options)
        .map_err(|e| DomainError::Unreadable(format!("the Word document's XML is damaged ({e})")))
}

/// A part's text, if the archive has it: no more than [`MAX_PART`], nor than what is left
/// of [`MAX_UNPACKED`] after the parts already read (`unpacked`), whatever the zip's
/// directory claims; a zip bomb is refused after reading at most that much.
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    unpacked: &mut usize,
) -> Result<Option<String>, DomainError> {
    let Ok(file) = zip.by_name(name) else {
        return Ok(None);
    };
    let limit = MAX_PART.min(MAX_UNPACKED.saturating_sub(*unpacked));
    let too_large = || {
        DomainError::Unreadable(format!(
            "the .docx part {name} unpacks to more than {} MiB; a policy needs far less (is \
             the file a zip bomb?)",
            limit / (1024 * 1024)
        ))
    };
    if usize::try_from(file.size()).map_or(true, |size| size > limit) {
        return Err(too_large());
    }
    let mut text = String::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    file.take(cap)
        .read_to_string(&mut text)
        .map_err(|_| DomainError::Unreadable(format!("the .docx part {name} could not be read")))?;
    if text.len() > limit {
        return Err(too_large());
    }
    *unpacked += text.len();
    Ok(Some(text))
}

fn is(node: &Node, local: &str) -> bool {
    node.is_element() && node.tag_name().name() == local && node.tag_name().namespace() == Some(W)
}

fn attr<'a>(node: &Node<'a, '_>, local: &str) -> Option<&'a str> {
    node.attribute((W, local))
}

fn child<'a, 'i>(node: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, local))
}

/// The paragraph's text: runs, tabs and breaks, skipping deleted text and nested paragraphs.
fn paragraph_text(p: Node) -> String {
    let mut out = String::new();
    for n in p.descendants() {
        if n != p && is(&n, "p") {
            break;
        }
        if is(&n, "t") {
            out.push_str(n.text().unwrap_or(""));
        } else if is(&n, "tab") && n.parent().is_some_and(|r| is(&r, "r")) {
            out.push('\t');
        } else if is(&n, "br") || is(&n, "cr") {
            out.push('\n');
        } else if is(&n, "noBreakHyphen") {
            out.push('-');
        }
    }
    out
}

/// The paragraph's list membership: its numbering instance id and level.
fn number_of(p: Node) -> Option<(String, usize)> {
    let num_pr = child(child(p, "pPr")?, "numPr")?;
    let num = attr(&child(num_pr, "numId")?, "val")?.to_owned();
    let level = child(num_pr, "ilvl")
        .and_then(|l| attr(&l, "val"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    (num != "0").then_some((num, level.min(8)))
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The list definitions of `numbering.xml`.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
}

impl Numbering {
    fn read(doc: &Document) -> Self {
        let mut n = Numbering::default();
        for a in doc.descendants().filter(|x| is(x, "abstractNum")) {
            let Some(id) = attr(&a, "abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); 9];
            for lvl in a.children().filter(|x| is(x, "lvl")) {
                let Some(i) = attr(&lvl, "ilvl")
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|&i| i < 9)
                else {
                    continue;
                };
                let val = |name: &str| {
                    child(lvl, name)
                        .and_then(|c| attr(&c, "val"))
                        .map(str::to_owned)
                };
                levels[i] = Level {
                    format: val("numFmt").unwrap_or_else(|| "decimal".into()),
                    text: val("lvlText").unwrap_or_default(),
                    start: val("start").and_then(|s| s.parse().ok()).unwrap_or(1),
                };
            }
            n.abstracts.insert(id.to_owned(), levels);
        }
        for num in doc.descendants().filter(|x| is(x, "num")) {
            let (Some(id), Some(abs)) = (
                attr(&num, "numId"),
                child(num, "abstractNumId").and_then(|a| attr(&a, "val")),
            ) else {
                continue;
            };
            let mut overrides = HashMap::new();
            for o in num.children().filter(|x| is(x, "lvlOverride")) {
                let level = attr(&o, "ilvl").and_then(|v| v.parse().ok());
                let start = child(o, "startOverride")
                    .and_then(|s| attr(&s, "val"))
                    .and_then(|v| v.parse().ok());
                if let (Some(level), Some(start)) = (level, start) {
                    overrides.insert(level, start);
                }
            }
            n.nums.insert(id.to_owned(), (abs.to_owned(), overrides));
        }
        n
    }
}

/// Running list counters. Instances with start overrides count alone; others share their
/// definition's counter, as Word does.
#[derive(Default)]
struct Counters {
    values: HashMap<String, [Option<u32>; 9]>,
}

impl Counters {
    fn label(&mut self, numbering: &Numbering, num: &str, level: usize) -> Option<String> {
        let (abs, overrides) = numbering.nums.get(num)?;
        let levels = numbering.abstracts.get(abs)?;
        let key = if overrides.is_empty() {
            format!("a{abs}")
        } else {
            format!("n{num}")
        };
        let counts = self.values.entry(key).or_insert([None; 9]);
        let start = |l: usize| overrides.get(&l).copied().unwrap_or(levels[l].start);
        counts[level] = Some(counts[level].map_or(start(level), |c| c.saturating_add(1)));
        for deeper in counts.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let def = &levels[level];
        match def.format.as_str() {
            "bullet" => return Some("•".into()),
            "none" => return Some(String::new()),
            _ => {}
        }
        let mut label = def.text.clone();
        for (l, lvl) in levels.iter().enumerate().take(level + 1) {
            let value = counts[l].unwrap_or(start(l));
            label = label.replace(&format!("%{}", l + 1), &format_number(value, &lvl.format));
        }
        Some(label.trim().to_owned())
    }
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letter(n).to_lowercase(),
        "upperLetter" => letter(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

fn letter(n: u32) -> String {
    let index = (n.max(1) - 1) % 26;
    let c = char::from_u32(u32::from(b'A') + index).unwrap_or('A');
    c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in table {
        while n >= value && out.len() < 32 {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}
