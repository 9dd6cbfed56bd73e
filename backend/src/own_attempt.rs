//! A person's own attempt with what submitting and attesting it need, read in one query.
//!
//! These two requests are the busiest of the year (everyone re-attests in September), and
//! every statement through the database driver costs thread hand-offs, so the attempt, its
//! version's facts, the policy and school names, the person's name and whether the version
//! is still assigned to them come back together. The version's clause set does not: grading
//! uses the questions (with answers) stored with the attempt (`attempt_questions`).

use crate::attempts::AttemptRow;
use crate::db::lane::{self, Arg};
use crate::db::lite;
use crate::db::Db;
use crate::db::Lane;
use crate::error::{AppError, AppResult};
use crate::learning::ensure_latest;

/// An attempt of the caller's, with its version's facts.
#[derive(Debug, sqlx::FromRow)]
pub struct OwnAttempt {
    /// The attempt itself.
    #[sqlx(flatten)]
    pub attempt: AttemptRow,
    /// The person's name (for the receipt).
    pub person_name: String,
    /// The school whose chain an attestation joins.
    pub school_id: String,
    /// The school's name.
    pub school_name: String,
    /// The policy's title.
    pub policy_title: String,
    /// The version's label.
    pub version_label: String,
    /// The version's number within its policy.
    pub seq: i64,
    /// The policy's latest version number.
    pub latest_seq: i64,
    /// Pass mark in percent.
    pub pass_mark: i64,
    /// Attestation validity in months.
    pub review_period_months: i64,
    /// SHA-256 of the version's text.
    pub text_sha256: String,
    /// SHA-256 of the version's kept original, if it was kept.
    pub source_sha256: Option<String>,
    /// 1 if the policy is assigned to one of the person's groups at its school.
    assigned: i64,
}

impl OwnAttempt {
    /// Refuses work on a version that a newer one has replaced.
    pub fn ensure_current(&self) -> AppResult<()> {
        ensure_latest(self.seq, self.latest_seq)
    }
}

/// Whether a caller of [`own_attempt`] grades the attempt's questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Questions {
    /// Read them (submitting).
    Read,
    /// Leave them out (attesting): a drawn quiz with its explanations spans several
    /// pages of the database, which only grading needs.
    Skip,
}

/// The caller's attempt: anyone else's (or a forged id) is 404, and so is one whose
/// policy is no longer assigned to them (as opening its module would be).
pub async fn own_attempt(
    db: &Db,
    person_id: &str,
    attempt_id: &str,
    questions: Questions,
) -> AppResult<OwnAttempt> {
    let args = [
        Arg::Text(attempt_id),
        Arg::Text(person_id),
        Arg::Int(i64::from(questions == Questions::Read)),
    ];
    let own = match db.lane() {
        Lane::Sqlite(lite) => {
            lite.read(|c| lite::query_one(c, OWN_ATTEMPT, &args, OwnAttempt::from_lite))?
        }
        Lane::Postgres(pool) => {
            lane::pg_query_as(OWN_ATTEMPT, &args)
                .fetch_optional(pool)
                .await?
        }
    }
    .ok_or(AppError::NotFound("attempt"))?;
    if own.assigned != 1 {
        return Err(AppError::NotFound("module"));
    }
    Ok(own)
}

impl OwnAttempt {
    /// Reads a row of [`OWN_ATTEMPT`] from SQLite's fast lane.
    fn from_lite(r: &rusqlite::Row<'_>) -> rusqlite::Result<OwnAttempt> {
        Ok(OwnAttempt {
            attempt: AttemptRow {
                id: r.get("id")?,
                person_id: r.get("person_id")?,
                version_id: r.get("version_id")?,
                questions: r.get("questions")?,
                answers: r.get("answers")?,
                score: r.get("score")?,
                total: r.get("total")?,
                passed: r.get("passed")?,
                created_at: r.get("created_at")?,
            },
            person_name: r.get("person_name")?,
            school_id: r.get("school_id")?,
            school_name: r.get("school_name")?,
            policy_title: r.get("policy_title")?,
            version_label: r.get("version_label")?,
            seq: r.get("seq")?,
            latest_seq: r.get("latest_seq")?,
            pass_mark: r.get("pass_mark")?,
            review_period_months: r.get("review_period_months")?,
            text_sha256: r.get("text_sha256")?,
            source_sha256: r.get("source_sha256")?,
            assigned: r.get("assigned")?,
        })
    }
}

/// The attempt `$1` of person `$2`, with its version's facts (and its questions if `$3` is 1).
const OWN_ATTEMPT: &str =
    "SELECT t.id, t.person_id, t.version_id, CASE WHEN $3 = 1 THEN (SELECT q.questions FROM attempt_questions q WHERE q.attempt_id = t.id) ELSE '' END AS questions, \
                t.answers, t.score, t.total, t.passed, t.created_at, \
                pe.name AS person_name, s.id AS school_id, s.name AS school_name, \
                p.title AS policy_title, v.label AS version_label, v.seq, \
                (SELECT MAX(seq) FROM policy_versions WHERE policy_id = p.id) AS latest_seq, \
                v.pass_mark, v.review_period_months, v.text_sha256, v.source_sha256, \
                CAST(CASE WHEN EXISTS ( \
                    SELECT 1 FROM person_groups g JOIN assignments a \
                      ON a.group_name = g.group_name AND a.policy_id = p.id \
                    JOIN memberships m ON m.person_id = g.person_id AND m.school_id = g.school_id AND m.active = 1 \
                    WHERE g.person_id = t.person_id AND g.school_id = s.id) \
                  THEN 1 ELSE 0 END AS BIGINT) AS assigned \
         FROM attempts t \
         JOIN people pe ON pe.id = t.person_id \
         JOIN policy_versions v ON v.id = t.version_id \
         JOIN policies p ON p.id = v.policy_id \
         JOIN schools s ON s.id = p.school_id \
         WHERE t.id = $1 AND t.person_id = $2";
