//! The one synthetic trust every benchmark seeds: N people over schools of ~1,000, 10 policies each.
//!
//! Policies are the real sample texts, published once and copied to every school. Each
//! person belongs to one school's `teaching` group, which every policy is assigned to;
//! about 60% of their cells are attested (on days spread over the last 400, so some are
//! due or overdue), 10% have a failed attempt only. Attestations form real hash chains,
//! so `attest verify` passes on a seeded database. All rows go in as bulk INSERTs in one
//! transaction; every person shares one argon2 hash.

use std::path::Path;

use attest_domain::clauses::parse_text;
use attest_domain::quiz::{build_bank, draw_attempt, DEFAULT_ATTEMPT_SIZE};
use chrono::{DateTime, Duration, Utc};

use crate::people::{seed_people, LoadClient};
use attest::auth::password::hash_now;
use attest::db::ids::time_text;
use attest::db::rows::{insert, Cell};
use attest::db::{lite, Db, Tx};
use attest::error::{AppError, AppResult};
use attest::on_db;
use attest::publish::{publish_new_policy, text_sha256, PublishOptions};

/// The password of every synthetic person.
pub const PASSWORD: &str = "bench-password-1";

/// How big a synthetic trust to seed.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Staff, spread evenly over the schools.
    pub people: usize,
    /// Schools in the trust.
    pub schools: usize,
    /// Policies per school, all assigned to every member.
    pub policies: usize,
    /// Load clients and how many unsubmitted attempts each gets (see `seed_load_clients`).
    pub load_attempts: Vec<usize>,
}

impl Shape {
    /// A trust of `people` in schools of about 1,000, with 10 policies each and no load clients.
    pub fn trust(people: usize) -> Shape {
        Shape {
            people,
            schools: people.div_ceil(1_000).max(1),
            policies: 10,
            load_attempts: Vec::new(),
        }
    }
}

/// What was seeded: the ids and sessions a benchmark needs.
#[derive(Debug, Clone)]
pub struct Seeded {
    /// The trust.
    pub trust_id: String,
    /// Its schools, in order.
    pub schools: Vec<String>,
    /// A session token of the first school's manager.
    pub manager_token: String,
    /// A session token of the trust manager.
    pub trust_manager_token: String,
    /// Signed-in load clients with attempts ready to submit.
    pub clients: Vec<LoadClient>,
    /// Attestations in the history.
    pub attestations: usize,
}

/// One policy every school has: its base version and the quiz the load clients take.
#[derive(Debug, Clone)]
pub struct SeedPolicy {
    /// School 0's version id; other schools' copies are `s{n}_` + this.
    pub version_id: String,
    /// SHA-256 of its text.
    pub text_sha256: String,
    /// The drawn questions (with answers) as stored JSON.
    pub questions: String,
    /// The right answers.
    pub answers: Vec<Option<usize>>,
}

/// A school's id.
pub fn school_id(n: usize) -> String {
    format!("s{n}")
}

/// School `n`'s copy of a base id.
pub fn copy_id(n: usize, base: &str) -> String {
    if n == 0 {
        base.to_string()
    } else {
        format!("s{n}_{base}")
    }
}

/// Seeds an empty, migrated database with a synthetic trust.
pub async fn seed_trust(
    db: &Db,
    shape: &Shape,
    content_dir: &Path,
    now: DateTime<Utc>,
) -> AppResult<Seeded> {
    let mut tx = db.pool.begin().await?;
    let trust_id = "bench-trust".to_string();
    on_db!(tx, |e| sqlx::query(
        "INSERT INTO trusts (id, name) VALUES ($1, 'Bench Trust')"
    )
    .bind(&trust_id)
    .execute(e)
    .await
    .rows_affected())?;
    let schools: Vec<String> = (0..shape.schools).map(school_id).collect();
    let rows: Vec<Vec<Cell>> = (0..shape.schools)
        .map(|n| {
            vec![
                school_id(n).into(),
                trust_id.as_str().into(),
                format!("School {n:03}").into(),
                format!("bench-{n}").into(),
            ]
        })
        .collect();
    insert(
        &mut tx,
        "schools",
        &["id", "trust_id", "name", "slug"],
        &rows,
    )
    .await?;
    let policies = publish_policies(&mut tx, shape, content_dir, now).await?;
    let hash = hash_now(PASSWORD)?;
    let seeded = seed_people(&mut tx, shape, &policies, &hash, &trust_id, now).await?;
    tx.commit().await?;
    if let Some(lite) = db.lite() {
        lite::bulk(|| lite.checkpoint_now())?;
    }
    Ok(Seeded {
        trust_id,
        schools,
        ..seeded
    })
}

/// Publishes the sample texts at school 0 and copies them, with assignments, to every school.
async fn publish_policies(
    tx: &mut Tx,
    shape: &Shape,
    content_dir: &Path,
    now: DateTime<Utc>,
) -> AppResult<Vec<SeedPolicy>> {
    let texts = sample_texts(content_dir)?;
    let published_at = now - Duration::days(400);
    let mut policies = Vec::new();
    let mut base_policy_ids = Vec::new();
    for i in 0..shape.policies {
        let text = &texts[i % texts.len()];
        let options = PublishOptions {
            title: Some(format!("Policy {i:02}")),
            ..PublishOptions::default()
        };
        let published = publish_new_policy(
            tx,
            &school_id(0),
            "policy.txt",
            text,
            &options,
            published_at,
        )
        .await?;
        let questions = draw_attempt(&build_bank(&parse_text(text)?, 1), DEFAULT_ATTEMPT_SIZE, 1);
        policies.push(SeedPolicy {
            version_id: published.version_id,
            text_sha256: text_sha256(text),
            questions: serde_json::to_string(&questions)
                .map_err(|e| AppError::Internal(e.to_string()))?,
            answers: questions.iter().map(|q| Some(q.answer)).collect(),
        });
        base_policy_ids.push(published.policy_id);
    }
    for n in 1..shape.schools {
        let prefix = format!("s{n}_");
        on_db!(tx, |e| sqlx::query(
            "INSERT INTO policies (id, school_id, title, created_at) \
             SELECT $1 || id, $2, title, created_at FROM policies WHERE school_id = $3",
        )
        .bind(&prefix)
        .bind(school_id(n))
        .bind(school_id(0))
        .execute(e)
        .await
        .rows_affected())?;
        on_db!(tx, |e| {
            sqlx::query(
            "INSERT INTO policy_versions (id, policy_id, seq, label, source_name, source_text, \
               text_sha256, clause_set, lesson_count, review_period_months, pass_mark, next_review, \
               requires_reattestation, grace_days, published_at) \
             SELECT $1 || v.id, $1 || v.policy_id, v.seq, v.label, v.source_name, v.source_text, \
               v.text_sha256, v.clause_set, v.lesson_count, v.review_period_months, v.pass_mark, \
               v.next_review, v.requires_reattestation, v.grace_days, v.published_at \
             FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE p.school_id = $2",
        )
        .bind(&prefix)
        .bind(school_id(0))
        .execute(e).await.rows_affected()
        })?;
    }
    let assigned = time_text(published_at);
    let rows: Vec<Vec<Cell>> = (0..shape.schools)
        .flat_map(|n| {
            let assigned = assigned.clone();
            base_policy_ids.iter().map(move |p| {
                vec![
                    copy_id(n, p).into(),
                    "teaching".into(),
                    Cell::Int(14),
                    assigned.as_str().into(),
                ]
            })
        })
        .collect();
    insert(
        tx,
        "assignments",
        &["policy_id", "group_name", "new_starter_days", "created_at"],
        &rows,
    )
    .await?;
    Ok(policies)
}

/// The sample policies' texts, in name order.
fn sample_texts(content_dir: &Path) -> AppResult<Vec<String>> {
    let dir = content_dir.join("policies");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let texts = paths
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<Vec<_>, _>>()?;
    if texts.is_empty() {
        return Err(AppError::Internal(format!(
            "no sample policies (*.txt) in {}",
            dir.display()
        )));
    }
    Ok(texts)
}
