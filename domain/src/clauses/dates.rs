//! Ratification and review lines: recognising them and reading their dates and periods.

use chrono::NaiveDate;

use super::model::PolicyMeta;
use super::pattern::pats;

pats! {
    DATE_KEY = r"(?i)^(date\b|dated\b|ratified|adopted|agreed|approved|reviewed|review\b|next review|last review|signed|issued|effective|policy date|date of|to be reviewed|renewal|version date|implemented|published)";
    ANY_KEY = r"(?i)\b(date agreed|date adopted|date approved|date ratified|date of next review|date of review|date of last review|next review date|review date|next review|last reviewed|last review|review period|review frequency|reviewed|to be reviewed|review|ratified|adopted|agreed|approved|signed|date)\b";
    DAY_MONTH_YEAR = r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b";
    MONTH_DAY_YEAR = r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b";
    MONTH_YEAR = r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b";
    NUMERIC = r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\b";
    ISO = r"\b(\d{4})-(\d{2})-(\d{2})\b";
    TERM = r"(?i)\b(?:term\s+([1-6])|(autumn|spring|summer)\s+(?:term\s*)?([12])?(?:\s*term)?)\s*,?\s*(\d{4})\b";
    YEAR_ONLY = r"\b(19|20)(\d{2})\b";
    PERIOD_N = r"(?i)\bevery\s+(\d{1,2}|one|two|three|four|five|six|eighteen)\s+(year|month)s?\b";
    PERIOD_WORD = r"(?i)\b(annual(ly)?|yearly|every year|each year|biennial(ly)?|triennial(ly)?|termly|bi-?annual(ly)?|six[- ]monthly|half[- ]yearly|quarterly)\b";
}

/// True for a short line that records when the policy was agreed or is reviewed.
pub(crate) fn is_date_line(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words > 20 {
        return false;
    }
    let keyed = DATE_KEY.is_match(text);
    let dated = has_date(text) || PERIOD_WORD.is_match(text) || PERIOD_N.is_match(text);
    (keyed && (dated || (2..=8).contains(&words)))
        || (dated && ANY_KEY.is_match(text) && words <= 12)
}

fn has_date(text: &str) -> bool {
    parse_date(text).is_some() || YEAR_ONLY.is_match(text)
}

/// What a keyword in a date line says the following date is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Adopted,
    Reviewed,
    Next,
    Period,
    Generic,
}

fn role_of(key: &str) -> Role {
    let key = key.to_lowercase();
    if key.contains("next") || key.contains("to be reviewed") || key == "review date" {
        Role::Next
    } else if key.contains("period") || key.contains("frequency") {
        Role::Period
    } else if key.contains("review") {
        if key == "review" {
            Role::Next
        } else {
            Role::Reviewed
        }
    } else if key == "date" {
        Role::Generic
    } else {
        Role::Adopted
    }
}

/// Fills `meta`'s dates, period and raw lines from the document's date lines.
pub(crate) fn read_dates(date_lines: &[&str], meta: &mut PolicyMeta) {
    for line in date_lines {
        let line = line.trim();
        if line.is_empty() || meta.raw_dates.iter().any(|d| d == line) {
            continue;
        }
        meta.raw_dates.push(line.to_owned());
        let keys = ANY_KEY.find_all(line);
        let mut last_role = Role::Adopted;
        if keys.is_empty() {
            assign(meta, Role::Adopted, line);
        }
        for (i, key) in keys.iter().enumerate() {
            let end = keys.get(i + 1).map_or(line.len(), |next| next.start());
            let segment = &line[key.end()..end];
            let mut role = role_of(key.as_str());
            if role == Role::Generic {
                role = last_role;
            } else {
                last_role = role;
            }
            assign(meta, role, segment);
        }
    }
}

fn assign(meta: &mut PolicyMeta, role: Role, segment: &str) {
    if let Some(months) = period_months(segment) {
        if meta.review_period_months.is_none() {
            meta.review_period_months = Some(months);
        }
        if role == Role::Period {
            return;
        }
    }
    let Some(date) = parse_date(segment) else {
        return;
    };
    let slot = match role {
        Role::Adopted | Role::Generic => &mut meta.adopted,
        Role::Reviewed => &mut meta.last_reviewed,
        Role::Next | Role::Period => &mut meta.next_review,
    };
    if slot.is_none() {
        *slot = Some(date);
    }
}

/// Reads a review period ("Annually", "every two years") as months.
pub fn period_months(text: &str) -> Option<u32> {
    if let Some(c) = PERIOD_N.captures(text) {
        let n = match c[1].to_lowercase().as_str() {
            "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "eighteen" => 18,
            digits => digits.parse().ok()?,
        };
        let unit = if c[2].eq_ignore_ascii_case("year") {
            12
        } else {
            1
        };
        return Some(n * unit);
    }
    let word = PERIOD_WORD.captures(text)?[1].to_lowercase();
    Some(match word.as_str() {
        w if w.starts_with("biennial") => 24,
        w if w.starts_with("triennial") => 36,
        "termly" => 4,
        "quarterly" => 3,
        w if w.starts_with("bi") || w.starts_with("six") || w.starts_with("half") => 6,
        _ => 12,
    })
}

fn month_number(name: &str) -> Option<u32> {
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix: String = name.to_lowercase().chars().take(3).collect();
    months
        .iter()
        .position(|m| *m == prefix)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Reads the first date in `text`: "6th November 2017", "May 2014", "29/03/2023" (day first),
/// "2023-03-29", or a school term ("Term 4 2024", "Summer term 2025").
///
/// A month without a day is its first day. Terms map to the first day of the month they
/// usually start in, for the six-term year: 1 Sep, 2 Nov, 3 Jan, 4 Feb, 5 Apr, 6 Jun; the
/// three-term names map to Autumn Sep, Spring Jan, Summer Apr (second halves: Nov, Feb, Jun).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let year = |s: &str| -> Option<i32> {
        let y: i32 = s.parse().ok()?;
        Some(if y < 100 { 2000 + y } else { y })
    };
    if let Some(c) = ISO.captures(text) {
        return NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(text) {
        return NaiveDate::from_ymd_opt(year(&c[3])?, month_number(&c[2])?, c[1].parse().ok()?);
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(text) {
        return NaiveDate::from_ymd_opt(year(&c[3])?, month_number(&c[1])?, c[2].parse().ok()?);
    }
    if let Some(c) = NUMERIC.captures(text) {
        return NaiveDate::from_ymd_opt(year(&c[3])?, c[2].parse().ok()?, c[1].parse().ok()?);
    }
    if let Some(c) = MONTH_YEAR.captures(text) {
        return NaiveDate::from_ymd_opt(year(&c[2])?, month_number(&c[1])?, 1);
    }
    if let Some(c) = TERM.captures(text) {
        let y = year(&c[4])?;
        let month = if let Some(n) = c.get(1) {
            [9, 11, 1, 2, 4, 6][n.as_str().parse::<usize>().ok()?.checked_sub(1)?]
        } else {
            let second = c.get(3).is_some_and(|m| m.as_str() == "2");
            match (c[2].to_lowercase().as_str(), second) {
                ("autumn", false) => 9,
                ("autumn", true) => 11,
                ("spring", false) => 1,
                ("spring", true) => 2,
                ("summer", false) => 4,
                _ => 6,
            }
        };
        return NaiveDate::from_ymd_opt(y, month, 1);
    }
    None
}
