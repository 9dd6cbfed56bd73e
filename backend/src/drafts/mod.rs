//! Drafts: an uploaded policy kept for review before publishing (table `policy_drafts`).
//!
//! The review itself is a domain value ([`Draft`]) stored as JSON; each change loads it,
//! applies one step in the domain crate and saves it back, guarded by a revision number so
//! two managers working at once never overwrite each other.

mod publish;
mod view;

pub use publish::publish_draft;
pub use view::view;

use attest_domain::formats::extract_text;
use attest_domain::review::{carry_forward, Draft, Reviewed};
use attest_domain::{clauses, DomainError};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::db::ids::{new_id, parse_time, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::manage::access::Manager;

/// One stored draft.
#[derive(Debug, Clone)]
pub struct StoredDraft {
    /// Its id.
    pub id: String,
    /// The school it belongs to.
    pub school_id: String,
    /// The policy it replaces (or, once published, became).
    pub policy_id: Option<String>,
    /// The uploaded file's name.
    pub file_name: String,
    /// The text read from the file.
    pub source_text: String,
    /// Hex SHA-256 of the uploaded bytes.
    pub source_sha256: String,
    /// The review.
    pub review: Draft,
    /// Bumped by every save.
    pub revision: i64,
    /// When it was uploaded.
    pub created_at: DateTime<Utc>,
    /// Once published: the version.
    pub published_version_id: Option<String>,
}

/// A file read for review: its text, the engine's reading and the SHA-256 of its bytes.
#[derive(Debug)]
pub struct Upload {
    /// The text read from it.
    pub text: String,
    /// The clause set as read, not yet reviewed.
    pub review: Draft,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
}

/// Reads an uploaded file (CPU work: the caller runs it off the async workers).
pub fn read_upload(file_name: &str, bytes: &[u8]) -> AppResult<Upload> {
    let text = extract_text(file_name, bytes)?;
    let set = clauses::parse_text(&text)?;
    Ok(Upload {
        review: Draft::from_set(set),
        sha256: hex::encode(Sha256::digest(bytes)),
        text,
    })
}

/// A refusal of the domain crate as the 422 it is, in its own words.
pub fn refused(e: DomainError) -> AppError {
    match e {
        DomainError::Invalid(message) => AppError::Unprocessable(message),
        other => AppError::Domain(other),
    }
}

/// The manager as a reviewer: their name now, and the time.
pub async fn reviewer(db: &Db, manager: &Manager, now: DateTime<Utc>) -> AppResult<Reviewed> {
    let (by,): (String,) = sqlx::query_as("SELECT name FROM people WHERE id = $1")
        .bind(&manager.person_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(Reviewed { by, at: now })
}

fn to_json(review: &Draft) -> AppResult<String> {
    serde_json::to_string(review).map_err(|e| AppError::Internal(e.to_string()))
}

fn from_json(json: &str) -> AppResult<Draft> {
    serde_json::from_str(json)
        .map_err(|e| AppError::Internal(format!("stored draft unreadable: {e}")))
}

/// The review of the draft that published a policy's latest version, if one did.
async fn latest_review(db: &Db, policy_id: &str) -> AppResult<Option<Draft>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT d.review FROM policy_drafts d JOIN policy_versions v ON v.id = d.published_version_id \
         WHERE v.policy_id = $1 ORDER BY v.seq DESC LIMIT 1",
    )
    .bind(policy_id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|(json,)| from_json(&json)).transpose()
}

/// The review a version's draft left (for its question bank), if it was published from one.
pub async fn version_review(db: &Db, version_id: &str) -> AppResult<Option<Draft>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT review FROM policy_drafts WHERE published_version_id = $1")
            .bind(version_id)
            .fetch_optional(&db.pool)
            .await?;
    row.map(|(json,)| from_json(&json)).transpose()
}

/// Stores a new draft, carrying reviews forward from the policy's latest version; returns its id.
pub async fn insert(
    db: &Db,
    school_id: &str,
    policy_id: Option<&str>,
    file_name: &str,
    mut upload: Upload,
    by: &Manager,
    now: DateTime<Utc>,
) -> AppResult<String> {
    if let Some(policy_id) = policy_id {
        if let Some(previous) = latest_review(db, policy_id).await? {
            carry_forward(&mut upload.review, &previous);
        }
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO policy_drafts (id, school_id, policy_id, file_name, source_text, source_sha256, \
           review, revision, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9)",
    )
    .bind(&id)
    .bind(school_id)
    .bind(policy_id)
    .bind(file_name)
    .bind(&upload.text)
    .bind(&upload.sha256)
    .bind(to_json(&upload.review)?)
    .bind(&by.person_id)
    .bind(time_text(now))
    .execute(&db.pool)
    .await?;
    Ok(id)
}

type DraftRow = (
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    i64,
    String,
    Option<String>,
);

/// A draft of one of the manager's schools; 404 for anyone else's (or none).
pub async fn load(db: &Db, manager: &Manager, draft_id: &str) -> AppResult<StoredDraft> {
    let row: Option<DraftRow> = sqlx::query_as(
        "SELECT id, school_id, policy_id, file_name, source_text, source_sha256, review, revision, \
           created_at, published_version_id FROM policy_drafts WHERE id = $1",
    )
    .bind(draft_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((
        id,
        school_id,
        policy_id,
        file_name,
        source_text,
        source_sha256,
        review,
        revision,
        created_at,
        published,
    )) = row
    else {
        return Err(AppError::NotFound("draft"));
    };
    manager
        .school(&school_id)
        .map_err(|_| AppError::NotFound("draft"))?;
    Ok(StoredDraft {
        id,
        school_id,
        policy_id,
        file_name,
        source_text,
        source_sha256,
        review: from_json(&review)?,
        revision,
        created_at: parse_time(&created_at)
            .ok_or_else(|| AppError::Internal(format!("draft time {created_at}")))?,
        published_version_id: published,
    })
}

/// Refuses changes to a draft that is already published.
pub fn ensure_open(draft: &StoredDraft) -> AppResult<()> {
    if draft.published_version_id.is_some() {
        return Err(AppError::Conflict(
            "this draft has been published; upload the file again to start a new version".into(),
        ));
    }
    Ok(())
}

/// Saves a changed review, unless someone else saved one since it was loaded.
pub async fn save(db: &Db, draft: &StoredDraft) -> AppResult<()> {
    let done = sqlx::query(
        "UPDATE policy_drafts SET review = $1, revision = revision + 1 \
         WHERE id = $2 AND revision = $3 AND published_version_id IS NULL",
    )
    .bind(to_json(&draft.review)?)
    .bind(&draft.id)
    .bind(draft.revision)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict(
            "someone else changed or published this draft since you opened it; reload it to see the latest".into(),
        ));
    }
    Ok(())
}
