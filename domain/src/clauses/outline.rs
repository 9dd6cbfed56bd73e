//! The readable outline printed by `attest clauses FILE --format text`.

use std::fmt::Write;

use super::model::ClauseSet;

/// A plain-text outline of a clause set for a person checking the parse.
pub fn outline(set: &ClauseSet) -> String {
    let mut out = String::new();
    let p = &set.policy;
    let title = if p.title.is_empty() {
        "(untitled policy)"
    } else {
        p.title.as_str()
    };
    let _ = writeln!(out, "{title}");
    if let Some(org) = &p.organisation {
        let _ = writeln!(out, "Organisation: {org}");
    }
    let dates = [
        ("Adopted", p.adopted),
        ("Last reviewed", p.last_reviewed),
        ("Next review", p.next_review),
    ];
    for (label, date) in dates {
        if let Some(d) = date {
            let _ = writeln!(out, "{label}: {d}");
        }
    }
    if let Some(months) = p.review_period_months {
        let _ = writeln!(out, "Review period: {months} months");
    }
    for raw in &p.raw_dates {
        let _ = writeln!(out, "Date line: {raw}");
    }
    let duties = set
        .clauses
        .iter()
        .flat_map(|c| &c.duties)
        .filter(|d| d.modality.is_duty())
        .count();
    let _ = writeln!(out, "{} clauses, {} duties", set.clauses.len(), duties);
    let mut section: Option<&str> = None;
    for clause in &set.clauses {
        if section != Some(clause.section.as_str()) {
            section = Some(clause.section.as_str());
            let heading = if clause.section.is_empty() {
                "(before the first heading)"
            } else {
                clause.section.as_str()
            };
            let _ = writeln!(out, "\n== {heading}");
        }
        let _ = writeln!(
            out,
            "{} [{}] {}",
            clause.id,
            clause.modality.as_str(),
            first_line(&clause.text)
        );
        for duty in clause.duties.iter().filter(|d| d.modality.is_duty()) {
            let _ = writeln!(out, "    {:<10} {}", duty.modality.as_str(), duty.text);
        }
        let audience: Vec<&str> = clause.audience.iter().map(|a| a.as_str()).collect();
        if !audience.is_empty() || !clause.topics.is_empty() {
            let _ = writeln!(
                out,
                "    who: {}  topics: {}",
                audience.join(", "),
                clause.topics.join(", ")
            );
        }
    }
    out
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let short: String = line.chars().take(100).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}
