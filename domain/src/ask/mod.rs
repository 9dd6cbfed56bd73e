//! Policy look-up: a situation in, the deciding sentence out, with its clause number and what
//! it makes of the situation — or "not covered" when nothing in the policy decides it.

mod index;
mod words;

use crate::clauses::{modality_of, ClauseSet, Modality};
use crate::module::tidy;
use crate::quiz::Verdict;
use index::{search, Hit};
use serde::{Deserialize, Serialize};
use words::tokens;

/// Lowest score that counts as an answer; below it the policy does not cover the situation.
const THRESHOLD: f32 = 1.5;
/// Fewest distinct words of the situation the deciding sentence must share …
const MIN_MATCHED: usize = 2;
/// … unless one rare word alone scores this much.
const STRONG_SINGLE: f32 = 2.5;
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

/// Finds the sentence that decides a situation typed in everyday words.
pub fn ask(set: &ClauseSet, situation: &str) -> Answer {
    let hits: Vec<Hit> = search(set, situation)
        .into_iter()
        .filter(|h| h.score >= THRESHOLD && (h.matched >= MIN_MATCHED || h.score >= STRONG_SINGLE))
        .collect();
    let Some(top) = hits.first().copied() else {
        return Answer {
            clause_id: None,
            verdict: None,
            quote: NOT_COVERED.to_string(),
            alternatives: Vec::new(),
            covered: false,
        };
    };
    let mut seen = vec![top.clause];
    let mut alternatives = Vec::new();
    for hit in &hits[1..] {
        if alternatives.len() == ALTERNATIVES {
            break;
        }
        if seen.contains(&hit.clause) {
            continue;
        }
        seen.push(hit.clause);
        let (verdict, quote) = decided(set, *hit, situation);
        alternatives.push(Alternative {
            clause_id: set.clauses[hit.clause].id.clone(),
            verdict,
            quote,
            score: (f64::from(hit.score) * 100.0).round() / 100.0,
        });
    }
    let (verdict, quote) = decided(set, top, situation);
    Answer {
        clause_id: Some(set.clauses[top.clause].id.clone()),
        verdict,
        quote,
        alternatives,
        covered: true,
    }
}

/// What a sentence makes of the situation, and the sentence tidied for quoting.
///
/// The verdict is the sentence's own strength, turned round when the situation asks about doing
/// without what the sentence requires ("Can I visit without a risk assessment?" against "a risk
/// assessment must be completed").
fn decided(set: &ClauseSet, hit: Hit, situation: &str) -> (Option<Verdict>, String) {
    let clause = &set.clauses[hit.clause];
    let Some(duty) = clause.duties.get(hit.duty) else {
        return (Verdict::from_modality(clause.modality), tidy(&clause.text));
    };
    let modality = deciding_part(&duty.text, duty.modality, situation);
    let verdict = Verdict::from_modality(modality).map(|v| {
        if asks_about_doing_without(situation) {
            match v {
                Verdict::Required => Verdict::Prohibited,
                Verdict::Recommended => Verdict::Discouraged,
                other => other,
            }
        } else {
            v
        }
    });
    (verdict, tidy(&duty.text))
}

/// The strength of the part of a compound sentence that speaks to the situation: in "The
/// safety of children must be paramount and no child should be left unsupervised", a question
/// about leaving a child is answered by the second part.
fn deciding_part(text: &str, whole: Modality, situation: &str) -> Modality {
    let parts: Vec<&str> = text
        .split(';')
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| modality_of(p) != Modality::Info)
        .collect();
    if parts.len() < 2 {
        return whole;
    }
    let query = tokens(situation);
    parts
        .iter()
        .max_by_key(|p| {
            let words = tokens(p);
            query.iter().filter(|q| words.contains(q)).count()
        })
        .map_or(whole, |p| modality_of(p))
}

/// True when the situation asks about leaving something out ("without", "instead of").
fn asks_about_doing_without(situation: &str) -> bool {
    let s = situation.to_lowercase();
    s.contains("without ") || s.contains(" skip ") || s.contains("instead of")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clauses::{Clause, Duty, Modality};

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
                clause(
                    "5",
                    "A risk assessment must be completed before every home visit.",
                    Modality::Must,
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

    #[test]
    fn doing_without_what_is_required_is_prohibited() {
        let a = ask(&set(), "Can I do a home visit without a risk assessment?");
        assert_eq!(a.clause_id.as_deref(), Some("5"));
        assert_eq!(a.verdict, Some(Verdict::Prohibited));
    }
}
