//! Trust model policies (ARCHITECTURE.md: a **model policy** is a trust's policy published to its
//! schools; a school's **amendments** are its local changes, diffed against the model).
//!
//! A trust uploads and reviews a model as a draft of its own ([`Owner::Trust`]). Publishing it
//! makes a **model version** (the published draft itself: its text, original and review) and
//! gives each chosen school, and every school that already follows the model, a **copy**: a
//! school's draft made from that version with the school's amendments applied again
//! ([`attest_domain::review::reapply`]). The copy is published at once as the school's own policy,
//! re-attestation decided by the material-change rule on the school's own versions, unless one of
//! the school's amendments is on a clause the model changed: then it waits for the school's review.
//!
//! [`Owner::Trust`]: crate::drafts::Owner::Trust

mod adopt;
mod view;

pub use adopt::publish;
pub use view::{amendments, trust_models};

use attest_domain::review::carry_forward;

use crate::db::Db;
use crate::drafts::{self, StoredDraft, Upload};
use crate::error::{AppError, AppResult};
use crate::on_db;

/// The model a school's policy follows, if it follows one.
pub async fn model_of(db: &Db, policy_id: &str) -> AppResult<Option<String>> {
    let row: Option<(Option<String>,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT model_id FROM policies WHERE id = $1"
    )
    .bind(policy_id)
    .fetch_optional(e)
    .await)?;
    Ok(row.and_then(|(m,)| m))
}

/// The published versions of a model, oldest first, by their drafts' ids.
pub async fn versions(db: &Db, model_id: &str) -> AppResult<Vec<String>> {
    let rows: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT id FROM policy_drafts WHERE model_id = $1 AND trust_id IS NOT NULL \
         AND published_at IS NOT NULL ORDER BY model_version",
    )
    .bind(model_id)
    .fetch_all(e)
    .await)?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// A model version by its draft's id.
pub async fn version(db: &Db, draft_id: &str) -> AppResult<StoredDraft> {
    drafts::fetch(db, draft_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("model version {draft_id} is missing")))
}

/// Carries the trust's review forward into a new upload of a model from its latest version.
pub async fn carry_from_latest(db: &Db, model_id: &str, upload: &mut Upload) -> AppResult<()> {
    if let Some(latest) = versions(db, model_id).await?.last() {
        carry_forward(&mut upload.review, &version(db, latest).await?.review);
    }
    Ok(())
}
