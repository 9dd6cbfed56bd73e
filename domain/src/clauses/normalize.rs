//! Line cleanup and furniture detection: raw text becomes classified, tidy lines.

use std::collections::HashMap;

use super::dates;
use super::pattern::pats;

/// What a line is, before any structure is read from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Empty or whitespace only.
    Blank,
    /// Policy text (possibly a heading, number or bullet).
    Text,
    /// Page furniture: contents, page numbers, images, mottos, running headers.
    Furniture,
    /// A ratification, adoption or review line; read for dates, never a clause.
    Date,
}

/// One cleaned line of the document.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// The line with markup, underscores and repeated whitespace removed.
    pub text: String,
    /// What the line is.
    pub kind: Kind,
}

pats! {
    EMPHASIS = r"\*\*|__|\*([^*\s][^*]*?)\*";
    UNDERLINE_RUN = r"_{2,}";
    SPACES = r"[ \t\u{a0}\u{2000}-\u{200a}\u{202f}\u{3000}]+";
    IMAGE = r"(?i)^(\[(image|picture|photo|logo|figure)[^\]]*\]|!\[[^\]]*\]\([^)]*\))$";
    PAGE = r"(?i)^(page\s+\d+(\s+of\s+\d+)?|-\s*\d+\s*-|\d+\s*/\s*\d+)$";
    COPYRIGHT = r"(?i)(^©|\(c\) \d{4}|\bcopyright\b|all rights reserved)";
    LEADERS = r"(\.{4,}|…{2,}|(\. ){3,}|\bError! Bookmark not defined)";
    PAGE_REF_END = r"(?i)(\t|\.{3,}|…+|\s{2,}|\s)\s*(\d{1,3}|[ivxl]{1,5})\s*$";
    CONTENTS_HEAD = r"(?i)^(table of )?contents?\b";
    QUOTE_LINE = r#"^["“'‘][^"“”]{3,}["”'’](\s*[-–—,]?\s*\(?[1-3]?\s?[A-Z][a-z]+\.?\s+\d{1,3}[:.]\d{1,3}(-\d+)?\)?)?\.?$"#;
    SCRIPTURE = r"^\(?[1-3]?\s?[A-Z][a-z]+\.?\s+\d{1,3}:\d{1,3}(\s*-\s*\d+)?\)?$";
    OUR_VISION = r"(?i)^(our|the school'?s?) (school )?(vision|mission|motto|ethos|values|prayer)\b";
    MD_HEADING = r"^#{1,6}\s+";
    DATE_ONLY = r"^\(?(\d{1,2}[/\-]\d{1,2}[/\-](\d{2}|\d{4})|\d{4}-\d{2}-\d{2})\)?$";
    // A web address alone on its line ("TheFA.com/Footballsafe", "www.lta.org.uk/…").
    WEB_ADDRESS = r"(?i)^(https?://\S+|www\.\S+|[\w-]+(\.[\w-]+)*\.(com|org|net|uk|gov|edu|scot)(/\S*)?)$";
    // What a web page prints around its text.
    WEB_CHROME = r"(?i)^(top of page|bottom of page|back to top|skip to (main )?content|print this page|report abuse\b.*\blog ?in)$";
    // Who publishes the document, not what it says.
    REGISTRATION = r"(?i)\b(registered (office|charity|in england|company)|company limited by guarantee|charity (number|no\.?)|company (number|no\.?))\b";
    POSTCODE = r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b";
    // "…, Pynes Hill, Exeter EX2 5WS.": an address may close with a full stop after its postcode.
    POSTCODE_END = r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\.$";
    // A document-control row: "Document Owner: | Safeguarding Team |", "Version: 1.0".
    CONTROL_ROW = r"(?i)^(document (owner|category|control|version control log)|version( number| dated)?|author|owner|approved by|policy (title|owner)|status|classification)\b\s*:?\s*(\||[\w.]|$)";
    // A bullet or list marker standing alone on its line.
    BARE_MARKER = r"^([-–—•·▪■□◦○●►➢✓✔➤*§o]|\d{1,2}[.)])$";
    // A numbered clause or heading opening a line ("15. Lone Working Register").
    NUMBERED_START = r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+\p{Lu}";
}

/// Splits `text` into cleaned, classified lines.
pub(crate) fn lines(text: &str) -> Vec<Line> {
    let text = text.trim_start_matches('\u{feff}');
    let mut out: Vec<Line> = Vec::new();
    let mut raws: Vec<&str> = Vec::new();
    for raw in text.split(['\n', '\r', '\u{c}', '\u{b}', '\u{2028}', '\u{2029}']) {
        raws.push(raw);
    }
    for raw in &raws {
        let text = clean(raw);
        let kind = if text.is_empty() {
            Kind::Blank
        } else if is_furniture(&text) {
            Kind::Furniture
        } else if dates::is_date_line(&text) {
            Kind::Date
        } else if is_control_row(&text) {
            Kind::Furniture
        } else {
            Kind::Text
        };
        out.push(Line { text, kind });
    }
    mark_contents(&raws, &mut out);
    mark_verses(&mut out);
    mark_repeated(&mut out);
    mark_publisher_headers(&mut out);
    drop_marker_runs(&mut out);
    super::runon::split_run_on_numbers(out)
}

/// A quotation with its reference on the line after it ("Colossians 3:16") is a verse, however
/// whole a sentence it is, and over however many lines a PDF wrapped it.
fn mark_verses(lines: &mut [Line]) {
    const OPEN: [char; 4] = ['"', '\'', '“', '‘'];
    const CLOSE: [char; 4] = ['"', '\'', '”', '’'];
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind != Kind::Text || !lines[i].text.starts_with(OPEN) {
            i += 1;
            continue;
        }
        // The quotation runs to the first line that closes it, a few lines at most.
        let close = (i..lines.len().min(i + 4))
            .take_while(|&j| lines[j].kind == Kind::Text)
            .find(|&j| lines[j].text.trim_end_matches(['.', ' ']).ends_with(CLOSE));
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let reference = lines[close + 1..].iter().find(|l| l.kind != Kind::Blank);
        if reference.is_some_and(|l| SCRIPTURE.is_match(&l.text)) {
            for line in &mut lines[i..=close] {
                line.kind = Kind::Furniture;
            }
        }
        i = close + 1;
    }
}

/// A PDF that lost its layout prints a list's markers in a run ("•", "•", "•") and the entries
/// after them; the markers then belong to no entry, so they are dropped and the entries read
/// as the lines they are.
fn drop_marker_runs(lines: &mut [Line]) {
    let texts: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind == Kind::Text)
        .collect();
    let bare = |i: usize| BARE_MARKER.is_match(&lines[i].text);
    let mut run: Vec<usize> = Vec::new();
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for &i in &texts {
        if bare(i) {
            run.push(i);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.push(run);
    // An empty bullet ending a list ("•" and then "All children agree to:") is no entry: the
    // lead-in after it opens a list of its own and is not read as the list above's last item.
    let empty: Vec<usize> = texts
        .windows(2)
        .filter(|pair| {
            let next = &lines[pair[1]].text;
            // "•" then "All children agree to:" or "15. Register": no entry follows the marker.
            // A number alone ("3." after "listed at Section") is a line break inside a
            // sentence before a numbered heading, not an empty entry.
            let bullet = !lines[pair[0]]
                .text
                .starts_with(|c: char| c.is_ascii_digit());
            bare(pair[0])
                && !bare(pair[1])
                && (next.trim_end().ends_with(':') || (bullet && NUMBERED_START.is_match(next)))
        })
        .map(|pair| pair[0])
        .collect();
    for run in runs.into_iter().filter(|r| r.len() >= 2).chain([empty]) {
        for i in run {
            lines[i].kind = Kind::Blank;
        }
    }
}

/// Removes markup emphasis, form underscores, control characters and repeated whitespace.
pub(crate) fn clean(raw: &str) -> String {
    let no_ctrl: String = raw
        .chars()
        .map(|c| match c {
            '\t' => ' ',
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{ad}' | '\u{feff}' => '\u{0}',
            c if c.is_control() => ' ',
            c => c,
        })
        .filter(|&c| c != '\u{0}')
        .collect();
    let no_emphasis = EMPHASIS.replace_all(&no_ctrl, "$1");
    let no_lines = UNDERLINE_RUN.replace_all(&no_emphasis, " ");
    let squeezed = SPACES.replace_all(&no_lines, " ");
    let trimmed = squeezed.trim();
    let unheaded = match MD_HEADING.find(trimmed) {
        Some(m) => &trimmed[m.end()..],
        None => trimmed,
    };
    unheaded.trim().to_owned()
}

/// True for lines that are furniture wherever they appear.
pub(crate) fn is_furniture(text: &str) -> bool {
    let words = text.split_whitespace().count();
    IMAGE.is_match(text)
        || PAGE.is_match(text)
        || (COPYRIGHT.is_match(text) && words <= 14)
        || LEADERS.is_match(text)
        || text
            .chars()
            .all(|c| matches!(c, '.' | '…' | '-' | '_' | '=' | '*' | ' '))
        || (QUOTE_LINE.is_match(text) && words <= 40 && !quoted_sentence(text, words))
        || SCRIPTURE.is_match(text)
        || DATE_ONLY.is_match(text)
        || (OUR_VISION.is_match(text) && words <= 25)
        || (words == 1 && WEB_ADDRESS.is_match(text))
        || WEB_CHROME.is_match(text)
        || (REGISTRATION.is_match(text) && words <= 25)
        || (POSTCODE.is_match(text)
            && text.contains(',')
            && words <= 20
            && (!text.ends_with('.') || POSTCODE_END.is_match(text)))
}

/// A whole sentence in quotation marks (a quoted definition or rule) is the policy's own text;
/// a motto ("'Aspire, believe, achieve.'") is short, and a quoted verse names its book.
fn quoted_sentence(text: &str, words: usize) -> bool {
    let verse = QUOTE_LINE
        .captures(text)
        .is_some_and(|c| c.get(1).is_some());
    let inner = text.trim_end_matches(['"', '\'', '”', '’', ' ']);
    !verse && words >= 8 && inner.ends_with(['.', '!', '?'])
}

/// True for a document-control row that carries no date the metadata pass could read.
fn is_control_row(text: &str) -> bool {
    CONTROL_ROW.is_match(text) && text.split_whitespace().count() <= 12
}

/// Marks a table of contents: the "Contents" line and the entries with page numbers after it.
fn mark_contents(raws: &[&str], lines: &mut [Line]) {
    let entry = |i: usize| -> bool {
        let raw = raws[i].trim_end_matches([' ', '\r']);
        PAGE_REF_END.is_match(raw) || raw.ends_with('\t')
    };
    let mut i = 0;
    while i < lines.len() {
        let is_head = lines[i].kind == Kind::Text
            && CONTENTS_HEAD.is_match(&lines[i].text)
            && lines[i].text.split_whitespace().count() <= 4;
        if !is_head {
            i += 1;
            continue;
        }
        lines[i].kind = Kind::Furniture;
        let mut seen: Vec<String> = Vec::new();
        let mut j = i + 1;
        while j < lines.len() {
            match lines[j].kind {
                Kind::Blank | Kind::Date => {
                    j += 1;
                    continue;
                }
                // An entry with dot leaders is furniture already; its title is still one seen.
                Kind::Furniture => {
                    seen.push(entry_title(&lines[j].text));
                    j += 1;
                    continue;
                }
                Kind::Text => {}
            }
            let next_is_entry = (j + 1..lines.len())
                .find(|&k| lines[k].kind == Kind::Text)
                .is_some_and(entry);
            // Contents written without page numbers: short title lines, until one comes round
            // again as the section it names.
            let title = entry_title(&lines[j].text);
            let short_title = !title.is_empty()
                && title.split_whitespace().count() <= 8
                && !title.ends_with(['.', ';', ':', ','])
                && !seen.contains(&title);
            if entry(j) || next_is_entry || short_title {
                seen.push(title);
                lines[j].kind = Kind::Furniture;
                j += 1;
            } else {
                break;
            }
        }
        i = j;
    }
}

/// A contents entry's title without its marker, number or page: "- Team-Teach", "2. Aims …… 4",
/// "1Definitions".
fn entry_title(text: &str) -> String {
    text.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | ')' | '-' | '–' | '•')
    })
    .trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | '…'))
    .trim()
    .to_lowercase()
}

/// Marks the running header that follows a publisher's copyright footer ("© … SWGfL 2013",
/// then "SWGfL Online Safety Policies"): a short line after it that names the same publisher
/// opens the next page of the template, not a section.
fn mark_publisher_headers(lines: &mut [Line]) {
    let names = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
            .filter(|w| !matches!(*w, "All" | "The" | "Copyright" | "Rights" | "Reserved"))
            .map(str::to_owned)
            .collect()
    };
    for i in 0..lines.len() {
        if lines[i].kind != Kind::Furniture || !COPYRIGHT.is_match(&lines[i].text) {
            continue;
        }
        let owners = names(&lines[i].text);
        let Some(j) = (i + 1..lines.len()).find(|&j| lines[j].kind != Kind::Blank) else {
            continue;
        };
        let next = &lines[j].text;
        let words = next.split_whitespace().count();
        if lines[j].kind == Kind::Text
            && (2..=8).contains(&words)
            && !next.ends_with(['.', ';', ':', ','])
            && names(next).iter().any(|n| owners.contains(n))
        {
            lines[j].kind = Kind::Furniture;
        }
    }
}

/// Marks short lines repeated three or more times: running headers and footers.
fn mark_repeated(lines: &mut [Line]) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for line in lines.iter().filter(|l| l.kind == Kind::Text) {
        *counts.entry(line.text.as_str()).or_default() += 1;
    }
    let repeated: Vec<String> = counts
        .into_iter()
        .filter(|(text, n)| {
            let words = text.split_whitespace().count();
            *n >= 3
                && (2..=10).contains(&words)
                && !text.ends_with(['.', ';', ':', ','])
                && text.chars().next().is_some_and(char::is_alphabetic)
        })
        .map(|(text, _)| text.to_owned())
        .collect();
    for line in lines.iter_mut() {
        if line.kind == Kind::Text && repeated.contains(&line.text) {
            line.kind = Kind::Furniture;
        }
    }
}
