//! The clause engine: a policy document's text becomes a [`ClauseSet`].
//!
//! The passes, each in its own module: `normalize` cleans lines and marks furniture,
//! `meta` and `dates` read what the document says about itself, `units` joins wrapped lines
//! into headings, numbered items, bullets and paragraphs, `structure` gives them full ids and
//! sections, and `modality`, `audience` and `topics` describe each clause (`residue` keeps
//! tables and flowcharts run together from being read as duties).

mod audience;
mod dates;
mod meta;
mod modality;
mod model;
mod normalize;
mod outline;
mod pattern;
mod residue;
mod runon;
mod sentences;
mod structure;
mod tokens;
mod topics;
mod units;

pub use dates::{parse_date, period_months};
pub use modality::{left_to_judgement, modality_of};
pub use model::{Audience, Clause, ClauseSet, Duty, Modality, PolicyMeta};
pub use outline::outline;
pub use topics::{parse_topics, topics, topics_of, Topic};

use crate::error::DomainError;
use structure::RawClause;

/// Parses a policy document's text into its metadata and clauses.
///
/// Fails only when the text holds no policy text at all.
pub fn parse_text(text: &str) -> Result<ClauseSet, DomainError> {
    if text.trim().is_empty() {
        return Err(DomainError::Empty);
    }
    let mut lines = normalize::lines(text);
    let policy = meta::read(&mut lines);
    let units = units::units(&lines);
    let provider_i = audience::provider_speaks_as_i(text);
    let clauses: Vec<Clause> = structure::clauses(&units)
        .into_iter()
        .map(|raw| finish(raw, provider_i))
        .collect();
    if clauses.is_empty() && policy.title.is_empty() {
        return Err(DomainError::Empty);
    }
    Ok(ClauseSet { policy, clauses })
}

/// A part without a list marker left at its end ("… should: o"): the marker of an entry whose
/// text the layout moved to the next paragraph.
fn without_marker(part: &str) -> &str {
    let trimmed = part.trim_end();
    [" o", " •", " ▪", " -", " –"]
        .iter()
        .find_map(|m| trimmed.strip_suffix(m))
        .filter(|rest| rest.trim_end().ends_with(':'))
        .map_or(trimmed, str::trim_end)
}

/// True when a later sentence of a list entry is another bare imperative under a lead-in that
/// does not forbid.
fn continues_entry(sentence: &str, lead: Option<&str>) -> bool {
    // A bare "Staff must not:" reads as information on its own, so its words are looked at.
    let forbids = |l: &str| {
        let l = l.to_lowercase().replace('’', "'");
        [" not", "never", "don't", "avoid", "refrain"]
            .iter()
            .any(|w| l.contains(w))
    };
    lead.is_some_and(|l| !forbids(l))
        && modality::classify(sentence).1 == modality::Source::Imperative
}

/// Classifies a raw clause's sentences and tags it.
fn finish(raw: RawClause, provider_i: bool) -> Clause {
    let mut duties: Vec<Duty> = Vec::new();
    let mut text = String::new();
    // The lead-in governing the next list entry: the clause's own (when its text ends in a
    // colon) or the one before the clause.
    let mut lead = raw.lead.clone();
    // True while the parts follow the clause's own lead-in with their list markers lost
    // ("… the designated contact should: o", then "Attempt to contact …" as plain paragraphs).
    let mut markerless = false;
    for (p, part) in raw.parts.iter().enumerate() {
        if p > 0 {
            text.push_str(if part.item { "\n- " } else { "\n" });
        }
        text.push_str(&part.text);
        let governs = p == 0 || part.item || markerless;
        for (s, sentence) in sentences::split(&part.text).into_iter().enumerate() {
            // An entry's later sentences that carry on its imperative ("Keep it locked. Avoid
            // …") are the lead-in's too, unless the lead-in forbids: "Do not: smoke. Report
            // anyone who does." does not forbid reporting.
            let l = if governs && (s == 0 || continues_entry(&sentence, lead.as_deref())) {
                lead.as_deref()
            } else {
                None
            };
            let modality = if residue::is_residue(&sentence) {
                Modality::Info
            } else {
                modality::under_lead(&sentence, l)
            };
            duties.push(Duty {
                text: sentence,
                modality,
            });
        }
        let own_lead = without_marker(&part.text);
        if !part.item && own_lead.ends_with(':') {
            lead = Some(own_lead.to_string());
            markerless = part.text.trim_end() != own_lead;
        }
    }
    let modality = duties
        .iter()
        .map(|d| d.modality)
        .max()
        .unwrap_or(Modality::Info);
    let pairs: Vec<(String, Modality)> = duties
        .iter()
        .map(|d| (d.text.clone(), d.modality))
        .collect();
    let audience = audience::audience_of(&pairs, lead.as_deref(), &raw.section, provider_i);
    let topics = topics::topics_of(&text);
    Clause {
        id: raw.id,
        section: raw.section,
        text,
        modality,
        duties,
        audience,
        topics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_list_parses_with_every_topic_having_patterns() {
        let list = topics();
        assert!(list.len() >= 21);
        assert!(list
            .iter()
            .all(|t| !t.label.is_empty() && !t.patterns.is_empty()));
    }
}
