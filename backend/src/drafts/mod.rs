//! Drafts: an uploaded policy kept for review before publishing (table `policy_drafts`).
//!
//! A draft belongs to a school, or to a trust when it is a version of the trust's model policy
//! ([`Owner`]); a school's copy of a model is a school's draft that names the model version it
//! was made from (see `crate::models`).
//!
//! The review itself is a domain value ([`Draft`]) stored as JSON; each change loads it,
//! applies one step in the domain crate and saves it back, guarded by a revision number so
//! two managers working at once never overwrite each other.

pub mod publish;
mod view;

pub use publish::publish_draft;
pub use view::view;

use attest_domain::formats::extract_text;
use attest_domain::review::{carry_forward, Draft, Reviewed};
use attest_domain::{clauses, DomainError};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::audit::Scope;
use crate::db::ids::{new_id, parse_time, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::manage::access::Manager;
use crate::on_db;

/// Whose a draft is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// A school's: it publishes a policy of the school.
    School(String),
    /// A trust's: it publishes a version of the trust's model policy.
    Trust(String),
}

impl Owner {
    /// The audit log it is recorded in.
    pub fn scope(&self) -> Scope<'_> {
        match self {
            Owner::School(id) => Scope::School(id),
            Owner::Trust(id) => Scope::Trust(id),
        }
    }

    /// Ok if the manager manages it; 404 (as for a draft that does not exist) otherwise.
    pub fn managed_by(&self, manager: &Manager) -> AppResult<()> {
        let ours = match self {
            Owner::School(id) => manager.schools.contains(id),
            Owner::Trust(id) => manager.trusts.contains(id),
        };
        if ours {
            Ok(())
        } else {
            Err(AppError::NotFound("draft"))
        }
    }
}

/// Where a new draft belongs and what it follows.
#[derive(Debug, Clone)]
pub struct Place {
    /// Whose it is.
    pub owner: Owner,
    /// The policy (a school's) or model (a trust's) it is the next version of.
    pub policy_id: Option<String>,
    /// The model policy: the one a trust's draft is a version of, or a school's policy follows.
    pub model_id: Option<String>,
    /// A school's copy of a model: the published model version it was made from.
    pub model_draft_id: Option<String>,
}

/// One stored draft.
#[derive(Debug, Clone)]
pub struct StoredDraft {
    /// Its id.
    pub id: String,
    /// Whose it is.
    pub owner: Owner,
    /// The policy it replaces (or, once published, became); none for a trust's draft.
    pub policy_id: Option<String>,
    /// The model policy it is a version of (a trust's) or follows (a school's).
    pub model_id: Option<String>,
    /// A school's copy of a model: the model version it was made from.
    pub model_draft_id: Option<String>,
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
    /// Once published: the version (a school's draft).
    pub published_version_id: Option<String>,
    /// Once published: when.
    pub published_at: Option<String>,
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
    let (by,): (String,) = on_db!(db, |e| sqlx::query_as(
        "SELECT name FROM people WHERE id = $1"
    )
    .bind(&manager.person_id)
    .fetch_one(e)
    .await)?;
    Ok(Reviewed { by, at: now })
}

fn to_json(review: &Draft) -> AppResult<String> {
    serde_json::to_string(review).map_err(|e| AppError::Internal(e.to_string()))
}

fn from_json(json: &str) -> AppResult<Draft> {
    serde_json::from_str(json)
        .map_err(|e| AppError::Internal(format!("stored draft unreadable: {e}")))
}

/// The draft that published a policy's latest version, if one did.
pub async fn latest_published(db: &Db, policy_id: &str) -> AppResult<Option<StoredDraft>> {
    let row: Option<(String,)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT d.id FROM policy_drafts d JOIN policy_versions v ON v.id = d.published_version_id \
         WHERE v.policy_id = $1 ORDER BY v.seq DESC LIMIT 1",
    )
    .bind(policy_id)
    .fetch_optional(e).await
    })?;
    match row {
        Some((id,)) => fetch(db, &id).await,
        None => Ok(None),
    }
}

/// Carries reviews forward into a new upload from the draft behind the policy's latest version.
pub async fn carry_from_latest(db: &Db, policy_id: &str, upload: &mut Upload) -> AppResult<()> {
    if let Some(previous) = latest_published(db, policy_id).await? {
        carry_forward(&mut upload.review, &previous.review);
    }
    Ok(())
}

/// The review a version's draft left (for its question bank), if it was published from one.
pub async fn version_review(db: &Db, version_id: &str) -> AppResult<Option<Draft>> {
    let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT review FROM policy_drafts WHERE published_version_id = $1"
    )
    .bind(version_id)
    .fetch_optional(e)
    .await)?;
    row.map(|(json,)| from_json(&json)).transpose()
}

/// Stores a new draft; returns its id.
pub async fn insert(
    db: &Db,
    place: &Place,
    file_name: &str,
    upload: Upload,
    by: &Manager,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let (school_id, trust_id) = match &place.owner {
        Owner::School(id) => (Some(id), None),
        Owner::Trust(id) => (None, Some(id)),
    };
    let id = new_id();
    on_db!(db, |e| sqlx::query(
        "INSERT INTO policy_drafts (id, school_id, trust_id, policy_id, model_id, model_draft_id, \
           file_name, source_text, source_sha256, review, revision, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12)",
    )
    .bind(&id)
    .bind(school_id)
    .bind(trust_id)
    .bind(&place.policy_id)
    .bind(&place.model_id)
    .bind(&place.model_draft_id)
    .bind(file_name)
    .bind(&upload.text)
    .bind(&upload.sha256)
    .bind(to_json(&upload.review)?)
    .bind(&by.person_id)
    .bind(time_text(now))
    .execute(e)
    .await
    .rows_affected())?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct DraftRow {
    id: String,
    school_id: Option<String>,
    trust_id: Option<String>,
    policy_id: Option<String>,
    model_id: Option<String>,
    model_draft_id: Option<String>,
    file_name: String,
    source_text: String,
    source_sha256: String,
    review: String,
    revision: i64,
    created_at: String,
    published_version_id: Option<String>,
    published_at: Option<String>,
}

/// A draft by id, whoever's it is (the caller checks access); none if there is no such draft.
pub async fn fetch(db: &Db, draft_id: &str) -> AppResult<Option<StoredDraft>> {
    let row: Option<DraftRow> = on_db!(db, |e| sqlx::query_as(
        "SELECT id, school_id, trust_id, policy_id, model_id, model_draft_id, file_name, \
           source_text, source_sha256, review, revision, created_at, published_version_id, \
           published_at FROM policy_drafts WHERE id = $1",
    )
    .bind(draft_id)
    .fetch_optional(e)
    .await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let owner = match (row.school_id, row.trust_id) {
        (Some(school), _) => Owner::School(school),
        (None, Some(trust)) => Owner::Trust(trust),
        (None, None) => return Err(AppError::Internal(format!("draft {} has no owner", row.id))),
    };
    Ok(Some(StoredDraft {
        owner,
        policy_id: row.policy_id,
        model_id: row.model_id,
        model_draft_id: row.model_draft_id,
        file_name: row.file_name,
        source_text: row.source_text,
        source_sha256: row.source_sha256,
        review: from_json(&row.review)?,
        revision: row.revision,
        created_at: parse_time(&row.created_at)
            .ok_or_else(|| AppError::Internal(format!("draft time {}", row.created_at)))?,
        published_version_id: row.published_version_id,
        published_at: row.published_at,
        id: row.id,
    }))
}

/// A draft of one of the manager's schools or trusts; 404 for anyone else's (or none).
pub async fn load(db: &Db, manager: &Manager, draft_id: &str) -> AppResult<StoredDraft> {
    let draft = fetch(db, draft_id)
        .await?
        .ok_or(AppError::NotFound("draft"))?;
    draft.owner.managed_by(manager)?;
    Ok(draft)
}

/// The refusal of a save or publish made on a stale copy: someone saved or published since.
pub fn changed_meanwhile() -> AppError {
    AppError::Conflict(
        "someone else changed or published this draft since you opened it; reload it to see the latest".into(),
    )
}

/// Refuses changes to a draft that is already published.
pub fn ensure_open(draft: &StoredDraft) -> AppResult<()> {
    if draft.published_at.is_some() {
        return Err(AppError::Conflict(
            "this draft has been published; upload the file again to start a new version".into(),
        ));
    }
    Ok(())
}

/// Saves a changed review, unless someone else saved one since it was loaded.
pub async fn save(db: &Db, draft: &StoredDraft) -> AppResult<()> {
    let done = on_db!(db, |e| sqlx::query(
        "UPDATE policy_drafts SET review = $1, revision = revision + 1 \
         WHERE id = $2 AND revision = $3 AND published_at IS NULL",
    )
    .bind(to_json(&draft.review)?)
    .bind(&draft.id)
    .bind(draft.revision)
    .execute(e)
    .await
    .rows_affected())?;
    if done == 0 {
        return Err(changed_meanwhile());
    }
    Ok(())
}
