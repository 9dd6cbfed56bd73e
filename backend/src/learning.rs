//! Reading a module: which versions a person may open, and where they left off.

use attest_domain::api::ProgressUpdate;
use attest_domain::module::{build_module, Module};
use attest_domain::ClauseSet;
use chrono::{DateTime, Utc};

use crate::db::ids::time_text;
use crate::db::writer::{Head, Statement, Write};
use crate::db::Arg;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// A policy version assigned to the person asking for it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssignedVersion {
    /// The version's id.
    pub version_id: String,
    /// Its policy.
    pub policy_id: String,
    /// The policy's school.
    pub school_id: String,
    /// The school's name.
    pub school_name: String,
    /// The policy's title.
    pub title: String,
    /// The version's label.
    pub label: String,
    /// Its number within the policy.
    pub seq: i64,
    /// Pass mark in percent.
    pub pass_mark: i64,
    /// Attestation validity in months.
    pub review_period_months: i64,
    /// SHA-256 of its text.
    pub text_sha256: String,
    /// The parsed clause set, as JSON.
    pub clause_set: String,
    /// The latest version number of the policy.
    pub latest_seq: i64,
    /// Questions in each quiz (a policy setting).
    pub questions_per_quiz: i64,
    /// 1 if the quiz opens only once every lesson has been read (a policy setting).
    pub lessons_first: i64,
}

impl AssignedVersion {
    /// The parsed clause set.
    pub fn clauses(&self) -> AppResult<ClauseSet> {
        serde_json::from_str(&self.clause_set)
            .map_err(|e| AppError::Internal(format!("stored clause set unreadable: {e}")))
    }

    /// The module generated from it.
    pub fn module(&self) -> AppResult<Module> {
        Ok(build_module(&self.clauses()?))
    }

    /// Refuses work on a version that a newer one has replaced.
    pub fn ensure_current(&self) -> AppResult<()> {
        ensure_latest(self.seq, self.latest_seq)
    }
}

/// Refuses work on version `seq` of a policy whose latest is `latest_seq`.
pub fn ensure_latest(seq: i64, latest_seq: i64) -> AppResult<()> {
    if seq == latest_seq {
        Ok(())
    } else {
        Err(AppError::Conflict(
            "a newer version of this policy has been published; open it from My training".into(),
        ))
    }
}

/// The version if it belongs to a policy assigned to one of the person's groups; else 404.
///
/// Ids of other schools' versions get the same 404 as ids that do not exist.
pub async fn assigned_version(
    db: &Db,
    person_id: &str,
    version_id: &str,
) -> AppResult<AssignedVersion> {
    on_db!(db, |e| sqlx::query_as(
        "SELECT v.id AS version_id, p.id AS policy_id, s.id AS school_id, s.name AS school_name, \
                p.title, v.label, v.seq, v.pass_mark, v.review_period_months, v.text_sha256, v.clause_set, \
                (SELECT MAX(seq) FROM policy_versions WHERE policy_id = p.id) AS latest_seq, \
                p.questions_per_quiz, p.lessons_first \
         FROM policy_versions v \
         JOIN policies p ON p.id = v.policy_id \
         JOIN schools s ON s.id = p.school_id \
         WHERE v.id = $1 AND EXISTS ( \
             SELECT 1 FROM person_groups g JOIN assignments a \
               ON a.group_name = g.group_name AND a.policy_id = p.id \
             JOIN memberships m ON m.person_id = g.person_id AND m.school_id = g.school_id AND m.active = 1 \
             WHERE g.person_id = $2 AND g.school_id = s.id)",
    )
    .bind(version_id)
    .bind(person_id)
    .fetch_optional(e).await)?
    .ok_or(AppError::NotFound("module"))
}

/// Where a person is in a module: (current lesson, lessons done).
pub async fn progress(db: &Db, person_id: &str, version_id: &str) -> AppResult<(u32, u32)> {
    let row: Option<(i64, i64)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT current_lesson, lessons_done FROM lesson_progress WHERE person_id = $1 AND version_id = $2",
    )
    .bind(person_id)
    .bind(version_id)
    .fetch_optional(e).await
    })?;
    let (current, done) = row.unwrap_or((0, 0));
    Ok((to_u32(current), to_u32(done)))
}

/// Saves where a person is; lessons done never go backwards and never exceed the module.
pub async fn save_progress(
    db: &Db,
    person_id: &str,
    version: &AssignedVersion,
    update: ProgressUpdate,
    now: DateTime<Utc>,
) -> AppResult<(u32, u32)> {
    let lessons = u32::try_from(version.module()?.lessons.len()).unwrap_or(u32::MAX);
    if update.current_lesson >= lessons.max(1) || update.lessons_done > lessons {
        return Err(AppError::Unprocessable(format!(
            "this module has {lessons} lesson(s)"
        )));
    }
    let (_, done_before) = progress(db, person_id, &version.version_id).await?;
    let done = update.lessons_done.max(done_before);
    db.write(Progress {
        person_id: person_id.to_string(),
        version_id: version.version_id.clone(),
        current_lesson: i64::from(update.current_lesson),
        lessons_done: i64::from(done),
        updated_at: time_text(now),
    })
    .await?;
    Ok((update.current_lesson, done))
}

/// Where a person is in a module, saved through the group-commit writer.
#[derive(Debug, Clone)]
pub struct Progress {
    /// Whose it is.
    pub person_id: String,
    /// The module's version.
    pub version_id: String,
    /// The lesson open.
    pub current_lesson: i64,
    /// Lessons done.
    pub lessons_done: i64,
    /// When (RFC 3339).
    pub updated_at: String,
}

impl Write for Progress {
    type Output = ();

    /// Its upserts: the place, and the lesson open now as read (the quiz's rules count those).
    fn statements(&mut self, _: Option<&mut Head>) -> Vec<Statement<'_>> {
        const SAVE: &str = "INSERT INTO lesson_progress \
             (person_id, version_id, current_lesson, lessons_done, updated_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (person_id, version_id) DO UPDATE SET current_lesson = excluded.current_lesson, \
               lessons_done = excluded.lessons_done, updated_at = excluded.updated_at";
        const READ: &str = "INSERT INTO lesson_reads \
             (person_id, version_id, lesson, read_at, after_submissions) \
             VALUES ($1, $2, $3, $4, (SELECT COUNT(*) FROM attempts \
               WHERE person_id = $1 AND version_id = $2 AND answers IS NOT NULL)) \
             ON CONFLICT (person_id, version_id, lesson) DO UPDATE SET read_at = excluded.read_at, \
               after_submissions = excluded.after_submissions";
        let args = vec![
            Arg::Text(&self.person_id),
            Arg::Text(&self.version_id),
            Arg::Int(self.current_lesson),
            Arg::Int(self.lessons_done),
            Arg::Text(&self.updated_at),
        ];
        let read = vec![
            Arg::Text(&self.person_id),
            Arg::Text(&self.version_id),
            Arg::Int(self.current_lesson),
            Arg::Text(&self.updated_at),
        ];
        vec![(SAVE, args), (READ, read)]
    }

    fn output(self, _rows: u64) -> AppResult<()> {
        Ok(())
    }
}

/// A stored non-negative count as `u32`.
pub fn to_u32(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}
