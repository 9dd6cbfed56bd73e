//! Policy look-up: a situation in, the deciding clause out, ranked by BM25 relevance.

mod words;

use crate::clauses::{Clause, ClauseSet, Modality};
use crate::module::tidy;
use crate::quiz::Verdict;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use words::tokens;

/// BM25 term-frequency saturation.
const K1: f64 = 1.2;
/// BM25 length normalisation, kept mild: a long clause is not less relevant for being thorough.
const B: f64 = 0.5;
/// Lowest score that counts as an answer; below it the policy does not cover the situation.
const THRESHOLD: f64 = 1.5;
/// Fewest distinct words of the situation the deciding clause must share …
const MIN_MATCHED: usize = 2;
/// … unless one rare word alone scores this much.
const STRONG_SINGLE: f64 = 2.5;
/// How much a clause that binds nobody counts against one that places a duty.
const INFO_WEIGHT: f64 = 0.5;
/// How much a clause that only permits counts against one that places a duty.
const MAY_WEIGHT: f64 = 0.8;
/// Alternatives listed after the deciding clause.
const ALTERNATIVES: usize = 4;
/// What a situation the policy does not cover gets instead of a quote.
pub const NOT_COVERED: &str = "Not covered by this policy.";

/// The deciding clause for a situation, with the runners-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    /// The deciding clause's id; none when the policy does not cover the situation.
    pub clause_id: Option<String>,
    /// What the deciding sentence makes of the situation.
    pub verdict: Option<Verdict>,
    /// The deciding sentence in the policy's words, or [`NOT_COVERED`].
    pub quote: String,
    /// Other relevant clauses, most relevant first.
    pub alternatives: Vec<Alternative>,
    /// False when nothing in the policy fits the situation.
    pub covered: bool,
}

/// A clause that is relevant but not the best fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Alternative {
    /// The clause's id.
    pub clause_id: String,
    /// What its best-matching sentence makes of the situation.
    pub verdict: Option<Verdict>,
    /// Its best-matching sentence.
    pub quote: String,
    /// Its relevance score.
    pub score: f64,
}

/// Finds the clause that decides a situation typed in everyday words.
pub fn ask(set: &ClauseSet, situation: &str) -> Answer {
    let query = tokens(situation);
    let ranked = rank(set, &query);
    let mut hits = ranked.into_iter().filter(|(score, matched, _)| {
        *score >= THRESHOLD && (*matched >= MIN_MATCHED || *score >= STRONG_SINGLE)
    });
    let Some((_, _, top)) = hits.next() else {
        return Answer {
            clause_id: None,
            verdict: None,
            quote: NOT_COVERED.to_string(),
            alternatives: Vec::new(),
            covered: false,
        };
    };
    let (verdict, quote) = deciding_sentence(top, &query);
    let alternatives = hits
        .take(ALTERNATIVES)
        .map(|(score, _, clause)| {
            let (verdict, quote) = deciding_sentence(clause, &query);
            Alternative {
                clause_id: clause.id.clone(),
                verdict,
                quote,
                score: (score * 100.0).round() / 100.0,
            }
        })
        .collect();
    Answer {
        clause_id: Some(top.id.clone()),
        verdict,
        quote,
        alternatives,
        covered: true,
    }
}

/// Clauses with their BM25 scores and matched word counts, best first.
///
/// Clauses that bind nobody still answer questions ("does the school monitor my
/// email?") but count half, and permissions count less than duties, so a duty wins a tie.
fn rank<'a>(set: &'a ClauseSet, query: &[String]) -> Vec<(f64, usize, &'a Clause)> {
    let docs: Vec<(&Clause, Vec<String>)> = set
        .clauses
        .iter()
        .map(|c| {
            let mut t = tokens(&c.text);
            for topic in &c.topics {
                t.extend(tokens(&topic.replace('_', " ")));
            }
            (c, t)
        })
        .collect();
    if docs.is_empty() || query.is_empty() {
        return Vec::new();
    }
    let n = docs.len() as f64;
    let avg = docs.iter().map(|(_, t)| t.len()).sum::<usize>() as f64 / n;
    let mut df: HashMap<&str, usize> = HashMap::new();
    for (_, t) in &docs {
        let mut seen: Vec<&str> = t.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for w in seen {
            *df.entry(w).or_default() += 1;
        }
    }
    let mut unique: Vec<&String> = query.iter().collect();
    unique.sort_unstable();
    unique.dedup();
    let mut scored: Vec<(f64, usize, &Clause)> = docs
        .iter()
        .map(|(clause, t)| {
            let len = t.len() as f64;
            let matched = unique.iter().filter(|q| t.contains(q)).count();
            let score = unique
                .iter()
                .map(|q| {
                    let tf = t.iter().filter(|w| w == q).count() as f64;
                    if tf == 0.0 {
                        return 0.0;
                    }
                    let d = *df.get(q.as_str()).unwrap_or(&0) as f64;
                    let idf = (1.0 + (n - d + 0.5) / (d + 0.5)).ln();
                    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg.max(1.0)))
                })
                .sum::<f64>();
            let weight = match clause.modality {
                Modality::Info => INFO_WEIGHT,
                Modality::May => MAY_WEIGHT,
                _ => 1.0,
            };
            // Clauses that answer more of the situation rank above ones that repeat one word.
            let coordination = 0.5 + 0.5 * matched as f64 / unique.len() as f64;
            (score * weight * coordination, matched, *clause)
        })
        .filter(|(s, _, _)| *s > 0.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
}

/// The clause's duty sentence sharing most words with the situation, with its verdict.
fn deciding_sentence(clause: &Clause, query: &[String]) -> (Option<Verdict>, String) {
    let best = clause
        .duties
        .iter()
        .filter(|d| d.modality != Modality::Info)
        .max_by_key(|d| {
            let t = tokens(&d.text);
            // Prefer overlap, then strength; reverse position keeps the first on ties.
            (query.iter().filter(|q| t.contains(q)).count(), d.modality)
        });
    match best {
        Some(d) => (Verdict::from_modality(d.modality), tidy(&d.text)),
        None => (Verdict::from_modality(clause.modality), tidy(&clause.text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clauses::Duty;

    fn clause(id: &str, text: &str, modality: Modality) -> Clause {
        Clause {
            id: id.into(),
            section: "S".into(),
            text: text.into(),
            modality,
            duties: vec![Duty {
                text: text.into(),
                modality,
            }],
            audience: vec![],
            topics: vec![],
        }
    }

    fn set() -> ClauseSet {
        ClauseSet {
            clauses: vec![
                clause(
                    "1",
                    "Staff must decline friend requests from parents.",
                    Modality::Must,
                ),
                clause(
                    "2",
                    "Photographs of pupils must not be published on personal social media.",
                    Modality::MustNot,
                ),
                clause(
                    "3",
                    "Staff should keep their passwords confidential.",
                    Modality::Should,
                ),
                clause(
                    "4",
                    "This policy was written by the governors.",
                    Modality::Info,
                ),
            ],
            ..ClauseSet::default()
        }
    }

    #[test]
    fn everyday_words_find_the_deciding_clause() {
        let a = ask(&set(), "Can I put a picture of my class on Instagram?");
        assert_eq!(a.clause_id.as_deref(), Some("2"));
        assert_eq!(a.verdict, Some(Verdict::Prohibited));
        assert!(a.covered);
    }

    #[test]
    fn unrelated_situations_are_not_covered() {
        let a = ask(&set(), "How many days of annual leave do I get?");
        assert!(!a.covered);
        assert_eq!(a.quote, NOT_COVERED);
        assert_eq!(a.clause_id, None);
    }
}
