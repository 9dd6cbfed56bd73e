//! Grading a submitted quiz, and what a failed one shows: no answer key, the lessons to reread.

use attest_domain::api::{GradedQuestion, LessonLink};
use attest_domain::module::build_module;
use attest_domain::quiz::Question;
use attest_domain::ClauseSet;

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;
use crate::quiz_gate;

/// Grades answers against questions: (score, graded questions). Takes the questions, as
/// their texts move into the result rather than being copied.
pub fn grade(questions: Vec<Question>, answers: &[Option<usize>]) -> (u32, Vec<GradedQuestion>) {
    let graded: Vec<GradedQuestion> = questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            let chosen = answers.get(i).copied().flatten();
            GradedQuestion {
                correct: chosen == Some(q.answer),
                stem: q.stem,
                options: q.options,
                chosen,
                answer: Some(q.answer),
                explanation: Some(q.explanation),
                clause_ids: q.clause_ids,
            }
        })
        .collect();
    let score = graded.iter().filter(|g| g.correct).count();
    (u32::try_from(score).unwrap_or(0), graded)
}

/// Whether `score` of `total` reaches a pass mark in percent.
pub fn passes(score: u32, total: u32, pass_mark: u32) -> bool {
    total > 0 && u64::from(score) * 100 >= u64::from(pass_mark) * u64::from(total)
}

/// Takes the answer key out of a failed attempt's graded questions: a retake must be earned
/// by reading, not by remembering.
pub fn hide_answers(graded: &mut [GradedQuestion]) {
    for g in graded {
        g.answer = None;
        g.explanation = None;
    }
}

/// After a fail: the lessons that teach the missed clauses.
pub async fn missed_lessons(
    db: &Db,
    version_id: &str,
    missed: &[String],
) -> AppResult<Vec<LessonLink>> {
    // Only a fail reads the clause set: the busy path (a pass) stays one query.
    let (clause_set,): (String,) = on_db!(db, |e| sqlx::query_as(
        "SELECT clause_set FROM policy_versions WHERE id = $1"
    )
    .bind(version_id)
    .fetch_one(e)
    .await)?;
    let clauses: ClauseSet = serde_json::from_str(&clause_set)
        .map_err(|e| AppError::Internal(format!("stored clause set unreadable: {e}")))?;
    Ok(quiz_gate::reread_links(
        &build_module(&clauses),
        missed,
        &[],
        0,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pass_mark_is_inclusive() {
        assert!(passes(8, 10, 80));
        assert!(!passes(7, 10, 80));
        assert!(passes(4, 5, 80));
        assert!(!passes(0, 0, 0));
    }
}
