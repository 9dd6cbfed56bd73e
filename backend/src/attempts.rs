//! Quiz attempts: drawn and graded on the server; answers never leave it before submission.

use attest_domain::api::{AttemptResult, AttemptView, QuestionView, SubmitAttempt};
use attest_domain::quiz::{draw_attempt, draw_retake, Question, DEFAULT_ATTEMPT_SIZE};
use chrono::{DateTime, Utc};
use rand::RngCore;

use crate::db::ids::{new_id, time_text};
use crate::db::writer::{Head, Statement, Write};
use crate::db::Arg;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::grading::{grade, hide_answers, missed_lessons, passes};
use crate::learning::{to_u32, AssignedVersion};
use crate::on_db;
use crate::own_attempt::OwnAttempt;
use crate::quiz_gate::{self, lesson_reads, missed_clauses, open_attempt, past_attempts};

/// The bank's seed: fixed, so a version's question bank never changes under its staff.
const BANK_SEED: u64 = 1;

/// The person's open attempt of the version if there is one (a reload resumes it); else a
/// fresh draw, once the quiz's rules allow one ([`quiz_gate::check`]). A retake asks fresh
/// questions, weighted to the clauses the failed attempt missed.
pub async fn create_attempt(
    db: &Db,
    person_id: &str,
    version: &AssignedVersion,
    now: DateTime<Utc>,
) -> AppResult<AttemptView> {
    version.ensure_current()?;
    if let Some((id, questions)) = open_attempt(db, person_id, &version.version_id).await? {
        let questions: Vec<Question> = serde_json::from_str(&questions)
            .map_err(|e| AppError::Internal(format!("stored attempt unreadable: {e}")))?;
        return Ok(attempt_view(id, version, &questions));
    }
    let past = past_attempts(db, person_id, &version.version_id).await?;
    let reads = lesson_reads(db, person_id, &version.version_id).await?;
    let retake = quiz_gate::check(
        &version.module()?,
        version.lessons_first == 1,
        &past,
        &reads,
    )?;
    // The person's time zone is read only to say when a capped quiz opens again.
    if let Some(leaves) = quiz_gate::capped_until(&past, now) {
        let zone = crate::zone::of_person(db, person_id).await?;
        return Err(quiz_gate::cap_refusal(leaves, &zone));
    }
    let bank = crate::question_bank::for_version(db, version, BANK_SEED).await?;
    let seed = rand::rngs::OsRng.next_u64();
    let size = usize::try_from(version.questions_per_quiz).unwrap_or(DEFAULT_ATTEMPT_SIZE);
    let questions = if past.is_empty() {
        draw_attempt(&bank, size, seed)
    } else {
        draw_retake(&bank, size, seed, &retake.missed, &retake.asked)
    };
    if questions.is_empty() {
        return Err(AppError::Unprocessable(
            "this policy has no duties to ask about".into(),
        ));
    }
    let id = new_id();
    let stored =
        serde_json::to_string(&questions).map_err(|e| AppError::Internal(e.to_string()))?;
    db.write(NewAttempt {
        id: id.clone(),
        person_id: person_id.to_string(),
        version_id: version.version_id.clone(),
        // Stored for the record only; the bit pattern survives the signed column.
        seed: seed as i64,
        questions: stored,
        total: questions.len() as i64,
        created_at: time_text(now),
    })
    .await?;
    Ok(attempt_view(id, version, &questions))
}

/// An attempt as the browser sees it: questions without answers.
fn attempt_view(id: String, version: &AssignedVersion, questions: &[Question]) -> AttemptView {
    AttemptView {
        id,
        version_id: version.version_id.clone(),
        questions: questions
            .iter()
            .enumerate()
            .map(|(i, q)| QuestionView {
                id: format!("q{}", i + 1),
                stem: q.stem.clone(),
                options: q.options.clone(),
            })
            .collect(),
        pass_mark: to_u32(version.pass_mark),
    }
}

/// A drawn attempt, stored through the group-commit writer.
#[derive(Debug, Clone)]
pub struct NewAttempt {
    /// Its id.
    pub id: String,
    /// Whose it is.
    pub person_id: String,
    /// The version it tests.
    pub version_id: String,
    /// The seed it was drawn with.
    pub seed: i64,
    /// The drawn questions with answers, as JSON.
    pub questions: String,
    /// Questions asked.
    pub total: i64,
    /// When (RFC 3339).
    pub created_at: String,
}

impl Write for NewAttempt {
    type Output = ();

    /// Its two inserts: the attempt, then its questions.
    fn statements(&mut self, _: Option<&mut Head>) -> Vec<Statement<'_>> {
        const INSERT: &str = "INSERT INTO attempts \
             (id, person_id, version_id, seed, total, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)";
        const QUESTIONS: &str =
            "INSERT INTO attempt_questions (attempt_id, questions) VALUES ($1, $2)";
        vec![
            (
                INSERT,
                vec![
                    Arg::Text(&self.id),
                    Arg::Text(&self.person_id),
                    Arg::Text(&self.version_id),
                    Arg::Int(self.seed),
                    Arg::Int(self.total),
                    Arg::Text(&self.created_at),
                ],
            ),
            (
                QUESTIONS,
                vec![Arg::Text(&self.id), Arg::Text(&self.questions)],
            ),
        ]
    }

    fn output(self, _rows: u64) -> AppResult<()> {
        Ok(())
    }
}

/// One stored attempt.
#[derive(Debug, sqlx::FromRow)]
pub struct AttemptRow {
    /// Its id.
    pub id: String,
    /// Whose it is.
    pub person_id: String,
    /// The version it tests.
    pub version_id: String,
    /// The drawn questions with answers, as JSON.
    pub questions: String,
    /// The chosen answers, once submitted.
    pub answers: Option<String>,
    /// The score, once submitted.
    pub score: Option<i64>,
    /// Questions asked.
    pub total: i64,
    /// 1 if passed, once submitted.
    pub passed: Option<i64>,
    /// When it was drawn (RFC 3339).
    pub created_at: String,
}

/// Grades and stores a submission once; a second submission is refused and changes nothing.
pub async fn submit_attempt(
    db: &Db,
    own: &OwnAttempt,
    submission: &SubmitAttempt,
    now: DateTime<Utc>,
) -> AppResult<AttemptResult> {
    let attempt = &own.attempt;
    if attempt.answers.is_some() {
        return Err(already_submitted());
    }
    let questions: Vec<Question> = serde_json::from_str(&attempt.questions)
        .map_err(|e| AppError::Internal(format!("stored attempt unreadable: {e}")))?;
    if submission.answers.len() != questions.len() {
        return Err(AppError::Unprocessable(format!(
            "expected {} answers, got {}",
            questions.len(),
            submission.answers.len()
        )));
    }
    if let Some((i, _)) = submission
        .answers
        .iter()
        .zip(&questions)
        .enumerate()
        .find(|(_, (a, q))| a.is_some_and(|a| a >= q.options.len()))
    {
        return Err(AppError::Unprocessable(format!(
            "answer {} is not one of the options",
            i + 1
        )));
    }
    let total = u32::try_from(questions.len()).unwrap_or(0);
    let missed = missed_clauses(&questions, &submission.answers);
    let (score, mut graded) = grade(questions, &submission.answers);
    let pass_mark = to_u32(own.pass_mark);
    let passed = passes(score, total, pass_mark);
    let answers = serde_json::to_string(&submission.answers)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let stored = db
        .write(Submission {
            attempt_id: attempt.id.clone(),
            person_id: attempt.person_id.clone(),
            version_id: attempt.version_id.clone(),
            started_at: attempt.created_at.clone(),
            answers,
            score: i64::from(score),
            passed: i64::from(passed),
            submitted_at: time_text(now),
        })
        .await?;
    if !stored {
        return Err(already_submitted());
    }
    let reread = if passed {
        Vec::new()
    } else {
        hide_answers(&mut graded);
        missed_lessons(db, &attempt.version_id, &missed).await?
    };
    Ok(AttemptResult {
        attempt_id: attempt.id.clone(),
        version_id: attempt.version_id.clone(),
        score,
        total,
        passed,
        pass_mark,
        questions: graded,
        reread,
    })
}

/// A graded submission, stored through the group-commit writer.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The attempt.
    pub attempt_id: String,
    /// Whose it is.
    pub person_id: String,
    /// The version it tests.
    pub version_id: String,
    /// When the attempt was drawn (RFC 3339).
    pub started_at: String,
    /// The chosen answers, as JSON.
    pub answers: String,
    /// The score.
    pub score: i64,
    /// 1 if passed.
    pub passed: i64,
    /// When (RFC 3339).
    pub submitted_at: String,
}

impl Write for Submission {
    /// Whether it was stored (not if the attempt was already submitted).
    type Output = bool;

    /// Its update: the `answers IS NULL` guard makes the first one win even under a race.
    fn statements(&mut self, _: Option<&mut Head>) -> Vec<Statement<'_>> {
        const STORE: &str =
            "UPDATE attempts SET answers = $1, score = $2, passed = $3, submitted_at = $4 \
             WHERE id = $5 AND answers IS NULL";
        let args = vec![
            Arg::Text(&self.answers),
            Arg::Int(self.score),
            Arg::Int(self.passed),
            Arg::Text(&self.submitted_at),
            Arg::Text(&self.attempt_id),
        ];
        vec![(STORE, args)]
    }

    fn output(self, rows: u64) -> AppResult<bool> {
        Ok(rows == 1)
    }
}

/// The person's latest passed attempt of a version that has no attestation yet, if any.
pub async fn unattested_pass(
    db: &Db,
    person_id: &str,
    version_id: &str,
) -> AppResult<Option<String>> {
    let row: Option<(String,)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT t.id FROM attempts t WHERE t.person_id = $1 AND t.version_id = $2 AND t.passed = 1 \
           AND NOT EXISTS (SELECT 1 FROM attestations a WHERE a.attempt_id = t.id) \
         ORDER BY t.submitted_at DESC LIMIT 1",
    )
    .bind(person_id)
    .bind(version_id)
    .fetch_optional(e).await
    })?;
    Ok(row.map(|(id,)| id))
}

fn already_submitted() -> AppError {
    AppError::Conflict(
        "this attempt has already been submitted; start a new attempt to try again".into(),
    )
}
