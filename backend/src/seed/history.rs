//! The demo's year of history: each made-up person's lessons, quizzes and attestations, as
//! their [`Story`] says, so the dashboards, matrix, reminders and evidence have something
//! to show on first start.
//!
//! Lessons and attempts go in as rows; attestations go through [`chain::append`] like
//! real ones, oldest first, so every school's chain verifies and numbers in time order.

use attest_domain::quiz::{build_bank, draw_attempt, Question, DEFAULT_ATTEMPT_SIZE};
use attest_domain::ClauseSet;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::staff::{staff_of, DemoPerson, Story};
use crate::chain::{self, NewAttestation};
use crate::db::ids::{new_id, time_text};
use crate::db::rows::{insert, Cell};
use crate::db::Db;
use crate::db::Tx;
use crate::error::{AppError, AppResult};

/// A sample school and the one policy version its demo staff train on.
#[derive(Debug, Clone)]
pub struct DemoSchool {
    /// The school's id.
    pub school_id: String,
    /// Its slug, which seeds its people.
    pub slug: String,
    /// The version's id.
    pub version_id: String,
    /// SHA-256 of the version's text.
    pub text_sha256: String,
    /// SHA-256 of its kept original.
    pub source_sha256: Option<String>,
    /// The version's clause set, to draw the quizzes from.
    pub clauses: ClauseSet,
    /// How many lessons its module has.
    pub lessons: i64,
    /// The quiz's pass mark, in percent.
    pub pass_mark: i64,
}

/// An attestation waiting for its turn in the chain.
type Signing = (DateTime<Utc>, NewAttestation);

/// Adds every school's demo staff and their history; returns how many people were added.
pub async fn add_staff_rooms(
    db: &Db,
    schools: &[DemoSchool],
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let mut signings = Vec::new();
    let mut added = 0;
    let mut tx = db.pool.begin().await?;
    for school in schools {
        let staff = staff_of(&school.slug, now.date_naive());
        added += staff.len();
        let mut rows = Rows::default();
        let mut rng = StdRng::seed_from_u64(school.lessons as u64 ^ staff.len() as u64);
        for person in &staff {
            rows.person(school, person, now, &mut rng, &mut signings)?;
        }
        rows.write(&mut tx).await?;
    }
    tx.commit().await?;
    signings.sort_by_key(|(at, _)| *at);
    for (_, signing) in &signings {
        chain::append(db, signing).await?;
    }
    Ok(added)
}

/// The rows of one school's staff room, gathered to go in a few multi-row INSERTs.
#[derive(Default)]
struct Rows {
    people: Vec<Vec<Cell>>,
    memberships: Vec<Vec<Cell>>,
    groups: Vec<Vec<Cell>>,
    progress: Vec<Vec<Cell>>,
    attempts: Vec<Vec<Cell>>,
    questions: Vec<Vec<Cell>>,
}

impl Rows {
    fn person(
        &mut self,
        school: &DemoSchool,
        person: &DemoPerson,
        now: DateTime<Utc>,
        rng: &mut StdRng,
        signings: &mut Vec<Signing>,
    ) -> AppResult<()> {
        let id = new_id();
        let start = person.start.format("%Y-%m-%d").to_string();
        let joined = time_text(at_nine(person.start));
        let left = person.left.map(|d| time_text(at_nine(d)));
        let active = i64::from(left.is_none());
        self.people.push(vec![
            id.as_str().into(),
            person.email.as_str().into(),
            person.name.as_str().into(),
            joined.into(),
            active.into(),
        ]);
        self.memberships.push(vec![
            id.as_str().into(),
            school.school_id.as_str().into(),
            "staff".into(),
            start.into(),
            active.into(),
            left.map_or(Cell::Null, Cell::Text),
        ]);
        self.groups.push(vec![
            id.as_str().into(),
            school.school_id.as_str().into(),
            person.group.into(),
        ]);
        let day = |days_ago: u64| now - Duration::days(days_ago as i64);
        match person.story {
            Story::Nothing => {}
            Story::Started { days_ago } => {
                let read = rng.gen_range(1..school.lessons.max(2));
                self.lessons(&id, school, read, day(days_ago));
            }
            Story::FailedOnly { days_ago } => {
                self.lessons(&id, school, school.lessons, day(days_ago));
                self.attempt(&id, school, false, day(days_ago), rng)?;
            }
            Story::Attested {
                days_ago,
                failed_first,
            } => {
                let signed = day(days_ago);
                self.lessons(&id, school, school.lessons, signed);
                if failed_first {
                    self.attempt(&id, school, false, signed - Duration::days(1), rng)?;
                }
                let (attempt_id, score, total) = self.attempt(&id, school, true, signed, rng)?;
                signings.push((
                    signed,
                    NewAttestation {
                        school_id: school.school_id.clone(),
                        person_id: id.clone(),
                        version_id: school.version_id.clone(),
                        text_sha256: school.text_sha256.clone(),
                        attempt_id,
                        score,
                        total,
                        attested_at: time_text(signed + Duration::minutes(1)),
                        ip: "192.0.2.10".into(),
                        user_agent: "Attest demo data".into(),
                        source_sha256: school.source_sha256.clone(),
                    },
                ));
            }
        }
        Ok(())
    }

    fn lessons(&mut self, person_id: &str, school: &DemoSchool, read: i64, at: DateTime<Utc>) {
        self.progress.push(vec![
            person_id.into(),
            school.version_id.as_str().into(),
            read.min(school.lessons - 1).max(0).into(),
            read.into(),
            time_text(at - Duration::minutes(20)).into(),
        ]);
    }

    /// A submitted attempt that passes or fails; returns its id, score and total.
    fn attempt(
        &mut self,
        person_id: &str,
        school: &DemoSchool,
        pass: bool,
        at: DateTime<Utc>,
        rng: &mut StdRng,
    ) -> AppResult<(String, i64, i64)> {
        let seed: u64 = rng.gen();
        let drawn: Vec<Question> =
            draw_attempt(&build_bank(&school.clauses, 1), DEFAULT_ATTEMPT_SIZE, seed);
        let total = drawn.len() as i64;
        let misses = if pass { 0 } else { (total / 2).max(1) };
        let answers: Vec<Option<usize>> = drawn
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let wrong = (i as i64) < misses;
                Some(if wrong {
                    (q.answer + 1) % q.options.len().max(1)
                } else {
                    q.answer
                })
            })
            .collect();
        let score = total - misses.min(total);
        let id = new_id();
        self.attempts.push(vec![
            id.as_str().into(),
            person_id.into(),
            school.version_id.as_str().into(),
            (seed as i64).into(),
            to_json(&answers)?.into(),
            score.into(),
            total.into(),
            i64::from(pass && score * 100 >= school.pass_mark * total).into(),
            time_text(at - Duration::minutes(6)).into(),
            time_text(at).into(),
        ]);
        self.questions
            .push(vec![id.as_str().into(), to_json(&drawn)?.into()]);
        Ok((id, score, total))
    }

    async fn write(self, tx: &mut Tx) -> AppResult<()> {
        insert(
            tx,
            "people",
            &["id", "email", "name", "created_at", "active"],
            &self.people,
        )
        .await?;
        insert(
            tx,
            "memberships",
            &[
                "person_id",
                "school_id",
                "role",
                "start_date",
                "active",
                "left_at",
            ],
            &self.memberships,
        )
        .await?;
        insert(
            tx,
            "person_groups",
            &["person_id", "school_id", "group_name"],
            &self.groups,
        )
        .await?;
        insert(
            tx,
            "lesson_progress",
            &[
                "person_id",
                "version_id",
                "current_lesson",
                "lessons_done",
                "updated_at",
            ],
            &self.progress,
        )
        .await?;
        insert(
            tx,
            "attempts",
            &[
                "id",
                "person_id",
                "version_id",
                "seed",
                "answers",
                "score",
                "total",
                "passed",
                "created_at",
                "submitted_at",
            ],
            &self.attempts,
        )
        .await?;
        insert(
            tx,
            "attempt_questions",
            &["attempt_id", "questions"],
            &self.questions,
        )
        .await?;
        Ok(())
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value).map_err(|e| AppError::Internal(e.to_string()))
}

/// Nine in the morning of a day, when a school's office would have entered it.
fn at_nine(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc()
}
