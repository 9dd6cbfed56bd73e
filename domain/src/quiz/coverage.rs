//! Coverage: how many of a policy's duties at least one question tests.

use super::{Question, QuestionBank};
use crate::clauses::ClauseSet;
use crate::module::tidy;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The share of must / must not / should / should not duties a bank tests, and the ones it misses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coverage {
    /// Percentage of duties tested (100 when the policy has none).
    pub percent: f64,
    /// The duties no question tests, as (clause id, duty sentence).
    pub uncovered: Vec<(String, String)>,
}

/// Measures a bank against its clause set.
///
/// A duty counts as tested when a question cites its clause and quotes the duty
/// sentence in its explanation, which is how every generated question names what it decides on.
pub fn coverage(set: &ClauseSet, bank: &QuestionBank) -> Coverage {
    let covered = covered_duties(set, &bank.questions);
    let mut total = 0usize;
    let mut uncovered = Vec::new();
    for clause in &set.clauses {
        for duty in clause.duties.iter().filter(|d| d.modality.is_duty()) {
            total += 1;
            let key = (clause.id.clone(), tidy(&duty.text));
            if !covered.contains(&key) {
                uncovered.push(key);
            }
        }
    }
    let percent = if total == 0 {
        100.0
    } else {
        100.0 * (total - uncovered.len()) as f64 / total as f64
    };
    Coverage { percent, uncovered }
}

/// The (clause id, duty sentence) pairs the questions test.
pub(crate) fn covered_duties(set: &ClauseSet, questions: &[Question]) -> HashSet<(String, String)> {
    let mut explanations: HashMap<&str, Vec<&str>> = HashMap::new();
    for q in questions {
        if let Some(id) = q.clause_ids.first() {
            explanations.entry(id).or_default().push(&q.explanation);
        }
    }
    let mut out = HashSet::new();
    for clause in &set.clauses {
        let Some(texts) = explanations.get(clause.id.as_str()) else {
            continue;
        };
        for duty in &clause.duties {
            let quote = tidy(&duty.text);
            let quoted = format!("“{quote}”");
            if texts.iter().any(|e| e.contains(&quoted)) {
                out.insert((clause.id.clone(), quote));
            }
        }
    }
    out
}
