//! What must happen before a quiz is drawn, so that a pass proves reading: every lesson read
//! (a policy setting), the lessons a failed attempt named opened again, and no more than a
//! few attempts a day.

use attest_domain::api::{date_time, LessonLink, Zone};
use attest_domain::module::Module;
use attest_domain::quiz::Question;
use chrono::{DateTime, Duration, Utc};

use crate::db::ids::{parse_time, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// Failed attempts of one policy version after which a person waits until 24 hours have
/// passed since the first of them. Passes are not counted: the cap is against guessing.
pub const ATTEMPTS_PER_DAY: usize = 3;

/// One of the person's earlier attempts of the version, oldest first.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PastAttempt {
    /// The drawn questions with answers, as JSON.
    pub questions: String,
    /// The chosen answers as JSON, once submitted.
    pub answers: Option<String>,
    /// 1 if passed, once submitted.
    pub passed: Option<i64>,
    /// When it was drawn (RFC 3339).
    pub created_at: String,
    /// When it was submitted (RFC 3339).
    pub submitted_at: Option<String>,
}

impl PastAttempt {
    fn questions(&self) -> AppResult<Vec<Question>> {
        serde_json::from_str(&self.questions)
            .map_err(|e| AppError::Internal(format!("stored attempt unreadable: {e}")))
    }

    fn answers(&self) -> AppResult<Vec<Option<usize>>> {
        self.answers
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map(Option::unwrap_or_default)
            .map_err(|e| AppError::Internal(format!("stored answers unreadable: {e}")))
    }
}

/// The person's attempts of a version, oldest first, with their questions.
pub async fn past_attempts(
    db: &Db,
    person_id: &str,
    version_id: &str,
) -> AppResult<Vec<PastAttempt>> {
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT q.questions, t.answers, t.passed, t.created_at, t.submitted_at \
         FROM attempts t JOIN attempt_questions q ON q.attempt_id = t.id \
         WHERE t.person_id = $1 AND t.version_id = $2 ORDER BY t.created_at, t.id",
    )
    .bind(person_id)
    .bind(version_id)
    .fetch_all(e)
    .await)?)
}

/// The person's open (drawn, not submitted) attempt of a version: (id, questions as JSON).
pub async fn open_attempt(
    db: &Db,
    person_id: &str,
    version_id: &str,
) -> AppResult<Option<(String, String)>> {
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT t.id, q.questions FROM attempts t JOIN attempt_questions q ON q.attempt_id = t.id \
         WHERE t.person_id = $1 AND t.version_id = $2 AND t.answers IS NULL \
         ORDER BY t.created_at DESC, t.id LIMIT 1",
    )
    .bind(person_id)
    .bind(version_id)
    .fetch_optional(e)
    .await)?)
}

/// A lesson the person opened (0-based), with how many of their attempts of the version had
/// been submitted when they last did.
pub type LessonRead = (u32, i64);

/// The lessons the person has opened.
pub async fn lesson_reads(
    db: &Db,
    person_id: &str,
    version_id: &str,
) -> AppResult<Vec<LessonRead>> {
    let rows: Vec<(i64, i64)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT lesson, after_submissions FROM lesson_reads WHERE person_id = $1 AND version_id = $2",
    )
    .bind(person_id)
    .bind(version_id)
    .fetch_all(e).await
    })?;
    Ok(rows
        .into_iter()
        .map(|(lesson, after)| (crate::learning::to_u32(lesson), after))
        .collect())
}

/// The deciding clause of each question answered wrongly (each clause once).
pub fn missed_clauses(questions: &[Question], answers: &[Option<usize>]) -> Vec<String> {
    let mut missed: Vec<String> = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        let right = answers.get(i).copied().flatten() == Some(q.answer);
        if let (false, Some(clause)) = (right, q.clause_ids.first()) {
            if !missed.contains(clause) {
                missed.push(clause.clone());
            }
        }
    }
    missed
}

/// The lessons that teach the missed clauses, each marked read again if it was opened once
/// `submitted` attempts had been submitted (the failed one being the last of them).
pub fn reread_links(
    module: &Module,
    missed: &[String],
    reads: &[LessonRead],
    submitted: i64,
) -> Vec<LessonLink> {
    let mut links = Vec::new();
    for (index, lesson) in (0u32..).zip(&module.lessons) {
        let mut clause_ids: Vec<String> = Vec::new();
        for point in &lesson.key_points {
            if missed.contains(&point.clause_id) && !clause_ids.contains(&point.clause_id) {
                clause_ids.push(point.clause_id.clone());
            }
        }
        if clause_ids.is_empty() {
            continue;
        }
        let reread = reads
            .iter()
            .any(|(l, after)| *l == index && *after >= submitted);
        links.push(LessonLink {
            index,
            id: lesson.id.clone(),
            section: lesson.section.clone(),
            clause_ids,
            reread,
        });
    }
    links
}

/// The lessons (0-based) of a module of `lessons` lessons not yet opened.
pub fn unread_lessons(lessons: usize, reads: &[LessonRead]) -> Vec<u32> {
    (0u32..)
        .take(lessons)
        .filter(|i| !reads.iter().any(|(l, _)| l == i))
        .collect()
}

/// After the person's latest submitted attempt, if it failed: the lessons to read again.
pub fn pending_rereads(
    module: &Module,
    past: &[PastAttempt],
    reads: &[LessonRead],
) -> AppResult<Vec<LessonLink>> {
    let Some(last) = last_submitted(past) else {
        return Ok(Vec::new());
    };
    if last.passed != Some(0) {
        return Ok(Vec::new());
    }
    let submitted = past.iter().filter(|a| a.answers.is_some()).count();
    let missed = missed_clauses(&last.questions()?, &last.answers()?);
    Ok(reread_links(
        module,
        &missed,
        reads,
        i64::try_from(submitted).unwrap_or(i64::MAX),
    ))
}

/// The attempt submitted last, if any.
fn last_submitted(past: &[PastAttempt]) -> Option<&PastAttempt> {
    past.iter()
        .filter(|a| a.answers.is_some())
        .max_by(|a, b| a.submitted_at.cmp(&b.submitted_at))
}

/// What the draw of a new attempt needs to know of the earlier ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Retake {
    /// The deciding clauses of the questions the latest (failed) attempt got wrong.
    pub missed: Vec<String>,
    /// Ids of the questions asked before, so a retake asks fresh ones.
    pub asked: Vec<String>,
}

/// Whether a new attempt may be drawn now, as far as reading goes (the daily cap is
/// [`capped_until`]); if so, what the draw should weigh.
pub fn check(
    module: &Module,
    lessons_first: bool,
    past: &[PastAttempt],
    reads: &[LessonRead],
) -> AppResult<Retake> {
    let unread = unread_lessons(module.lessons.len(), reads);
    if lessons_first && !unread.is_empty() {
        let total = module.lessons.len();
        return Err(AppError::Unprocessable(format!(
            "Read every lesson before you take the quiz: you have read {} of {total}",
            total - unread.len()
        )));
    }
    let rereads = pending_rereads(module, past, reads)?;
    let waiting: Vec<String> = rereads
        .iter()
        .filter(|l| !l.reread)
        .map(|l| format!("lesson {} ({})", l.index + 1, l.section))
        .collect();
    if !waiting.is_empty() {
        return Err(AppError::Unprocessable(format!(
            "Read again what you missed before you retake the quiz: {}",
            waiting.join(", ")
        )));
    }
    let mut retake = Retake::default();
    for attempt in past {
        retake
            .asked
            .extend(attempt.questions()?.into_iter().map(|q| q.id));
    }
    if let Some(last) = last_submitted(past).filter(|a| a.passed == Some(0)) {
        retake.missed = missed_clauses(&last.questions()?, &last.answers()?);
    }
    Ok(retake)
}

/// After [`ATTEMPTS_PER_DAY`] fails in the last 24 hours, when the next draw may start; none
/// while under the cap.
pub fn capped_until(past: &[PastAttempt], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let window = Duration::hours(24);
    let mut failed: Vec<DateTime<Utc>> = past
        .iter()
        .filter(|a| a.passed == Some(0))
        .filter_map(|a| a.submitted_at.as_deref().and_then(parse_time))
        .filter(|t| *t > now - window)
        .collect();
    if failed.len() < ATTEMPTS_PER_DAY {
        return None;
    }
    failed.sort_unstable();
    // Once the oldest fail that still counts leaves the window, one fewer counts.
    Some(failed[failed.len() - ATTEMPTS_PER_DAY] + window)
}

/// The refusal of a draw over the cap, saying on the person's clock when the next may start.
pub fn cap_refusal(leaves: DateTime<Utc>, zone: &impl Zone) -> AppError {
    AppError::TooManyRequests(format!(
        "You have not passed this quiz in {ATTEMPTS_PER_DAY} tries in the last 24 hours. \
         You can try again from {}",
        date_time(&time_text(leaves), zone)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use attest_domain::api::InUtc;

    fn past(at: &str, passed: i64) -> PastAttempt {
        PastAttempt {
            questions: "[]".into(),
            answers: Some("[]".into()),
            passed: Some(passed),
            created_at: at.into(),
            submitted_at: Some(at.into()),
        }
    }

    #[test]
    fn the_cap_counts_fails_of_the_last_24_hours_and_says_when_to_come_back() {
        let now = parse_time("2026-12-07T10:00:00Z").unwrap();
        let two_fails_and_passes = [
            past("2026-12-07T07:00:00Z", 1),
            past("2026-12-07T08:00:00Z", 0),
            past("2026-12-07T08:30:00Z", 1),
            past("2026-12-07T09:00:00Z", 0),
        ];
        assert!(capped_until(&two_fails_and_passes, now).is_none());
        let old_and_three = [
            past("2026-12-06T09:00:00Z", 0),
            past("2026-12-06T11:00:00Z", 0),
            past("2026-12-07T08:00:00Z", 0),
            past("2026-12-07T09:00:00Z", 0),
        ];
        let err = cap_refusal(capped_until(&old_and_three, now).unwrap(), &InUtc);
        assert!(matches!(err, AppError::TooManyRequests(_)));
        assert!(
            err.to_string()
                .ends_with("try again from 7 December 2026 at 11:00 UTC"),
            "{err}"
        );
    }

    #[test]
    fn unread_lessons_are_the_ones_never_opened() {
        assert_eq!(unread_lessons(4, &[(0, 0), (2, 1)]), vec![1, 3]);
        assert!(unread_lessons(2, &[(0, 0), (1, 0)]).is_empty());
    }
}
