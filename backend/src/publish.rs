//! Publishing a policy version: parse, generate, store.

use crate::on_db;
use attest_domain::{clauses, module};
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use crate::db::ids::{new_id, time_text};
use crate::db::Tx;
use crate::error::{AppError, AppResult};

/// The choices a manager makes when publishing.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    /// The policy's title (defaults to the title found in the text).
    pub title: Option<String>,
    /// The version's label ("v1", "September 2026").
    pub label: String,
    /// How long an attestation lasts, in months.
    pub review_period_months: u32,
    /// Pass mark of the quiz, in percent.
    pub pass_mark: u32,
    /// When the policy itself is next reviewed.
    pub next_review: Option<NaiveDate>,
    /// Whether earlier attestations become due.
    pub requires_reattestation: bool,
    /// Days allowed to re-attest.
    pub grace_days: u32,
    /// The clause set as a manager reviewed it; none: parsed from the text.
    pub reviewed: Option<attest_domain::ClauseSet>,
    /// The whole policy as reviewed, clauses not taught included; none: the clause set is whole.
    pub whole: Option<attest_domain::ClauseSet>,
    /// The kept original's SHA-256 (see [`crate::sources`]), if the upload was kept.
    pub source_sha256: Option<String>,
}

impl Default for PublishOptions {
    fn default() -> Self {
        PublishOptions {
            title: None,
            label: "v1".into(),
            review_period_months: 12,
            pass_mark: 80,
            next_review: None,
            requires_reattestation: false,
            grace_days: 30,
            reviewed: None,
            whole: None,
            source_sha256: None,
        }
    }
}

/// What was published.
#[derive(Debug, Clone)]
pub struct Published {
    /// The policy's id.
    pub policy_id: String,
    /// The new version's id.
    pub version_id: String,
    /// The policy's title.
    pub title: String,
}

/// Parses `text` and stores it as a new policy at a school (version 1).
pub async fn publish_new_policy(
    tx: &mut Tx,
    school_id: &str,
    source_name: &str,
    text: &str,
    options: &PublishOptions,
    now: DateTime<Utc>,
) -> AppResult<Published> {
    let set = clause_set(text, options)?;
    let title = options
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| set.policy.title.clone());
    let title = if title.trim().is_empty() {
        source_name.to_string()
    } else {
        title
    };
    let policy_id = new_id();
    on_db!(tx, |e| sqlx::query(
        "INSERT INTO policies (id, school_id, title, created_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(&policy_id)
    .bind(school_id)
    .bind(&title)
    .bind(time_text(now))
    .execute(e)
    .await
    .rows_affected())?;
    let version_id =
        insert_version(tx, &policy_id, 1, source_name, text, &set, options, now).await?;
    Ok(Published {
        policy_id,
        version_id,
        title,
    })
}

/// Parses `text` and stores it as the next version of an existing policy.
///
/// With `requires_reattestation`, everyone who attested an earlier version becomes
/// due within the grace period (the status rule reads this flag).
pub async fn publish_new_version(
    tx: &mut Tx,
    policy_id: &str,
    source_name: &str,
    text: &str,
    options: &PublishOptions,
    now: DateTime<Utc>,
) -> AppResult<Published> {
    let set = clause_set(text, options)?;
    let (title, latest): (String, i64) = on_db!(tx, |e| sqlx::query_as(
        "SELECT p.title, COALESCE(MAX(v.seq), 0) FROM policies p \
         LEFT JOIN policy_versions v ON v.policy_id = p.id WHERE p.id = $1 GROUP BY p.title",
    )
    .bind(policy_id)
    .fetch_optional(e)
    .await)?
    .ok_or(AppError::NotFound("policy"))?;
    let title = match options
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(new_title) => {
            on_db!(tx, |e| sqlx::query(
                "UPDATE policies SET title = $1 WHERE id = $2"
            )
            .bind(new_title)
            .bind(policy_id)
            .execute(e)
            .await
            .rows_affected())?;
            new_title.to_string()
        }
        None => title,
    };
    let version_id = insert_version(
        tx,
        policy_id,
        latest + 1,
        source_name,
        text,
        &set,
        options,
        now,
    )
    .await?;
    Ok(Published {
        policy_id: policy_id.to_string(),
        version_id,
        title,
    })
}

/// The clause set a version stores: as reviewed, or as the engine reads the text.
fn clause_set(text: &str, options: &PublishOptions) -> AppResult<attest_domain::ClauseSet> {
    match &options.reviewed {
        Some(set) => Ok(set.clone()),
        None => Ok(clauses::parse_text(text)?),
    }
}

#[allow(clippy::too_many_arguments)]
async fn insert_version(
    tx: &mut Tx,
    policy_id: &str,
    seq: i64,
    source_name: &str,
    text: &str,
    set: &attest_domain::ClauseSet,
    options: &PublishOptions,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let lessons = module::build_module(set).lessons.len();
    let clause_json = serde_json::to_string(set).map_err(|e| AppError::Internal(e.to_string()))?;
    let whole_json = options
        .whole
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let version_id = new_id();
    let next_review = options
        .next_review
        .or(set.policy.next_review)
        .map(|d| d.format("%Y-%m-%d").to_string());
    on_db!(tx, |e| {
        sqlx::query(
        "INSERT INTO policy_versions (id, policy_id, seq, label, source_name, source_text, text_sha256, \
           clause_set, lesson_count, review_period_months, pass_mark, next_review, \
           requires_reattestation, grace_days, published_at, source_sha256, whole_set) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(&version_id)
    .bind(policy_id)
    .bind(seq)
    .bind(&options.label)
    .bind(source_name)
    .bind(text)
    .bind(text_sha256(text))
    .bind(clause_json)
    .bind(lessons as i64)
    .bind(i64::from(options.review_period_months))
    .bind(i64::from(options.pass_mark))
    .bind(next_review)
    .bind(i64::from(options.requires_reattestation))
    .bind(i64::from(options.grace_days))
    .bind(time_text(now))
    .bind(options.source_sha256.as_deref())
    .bind(whole_json)
    .execute(e).await.rows_affected()
    })?;
    Ok(version_id)
}

/// SHA-256 of a policy's text, as hex: what an attestation's evidence names.
pub fn text_sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}
