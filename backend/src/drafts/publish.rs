//! Publishing a reviewed draft: the gate on flagged items, then the corrected clause set stored
//! as the version, and the draft marked with the version it became (in one transaction).

use attest_domain::api::{DraftPublish, DraftPublished, PublishRequest};
use attest_domain::review::apply_decisions;
use chrono::{DateTime, Utc};

use super::{changed_meanwhile, Owner, StoredDraft};
use crate::db::ids::time_text;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::manage::policies::{ensure_source, reattestation, store_policy, store_version};
use crate::on_db;

/// The publish gate: flagged items nobody looked at stop publishing, unless the manager chose
/// to publish them unreviewed; and a policy with no question to ask is refused, as staff could
/// never pass its quiz and attest. Returns how many are unreviewed.
pub fn gate(draft: &StoredDraft, publish_unreviewed: bool) -> AppResult<u32> {
    super::ensure_open(draft)?;
    // The bank is built once: it is the costly part.
    let generated = draft.review.generated_bank();
    let (clauses, questions) = draft.review.outstanding_in(&generated);
    if apply_decisions(generated, &draft.review.decisions)
        .questions
        .is_empty()
    {
        return Err(AppError::Unprocessable(
            "no question would be asked, so staff could never pass its quiz and attest: \
             write at least one question about what staff must do"
                .into(),
        ));
    }
    let unreviewed = clauses + questions;
    if unreviewed > 0 && !publish_unreviewed {
        return Err(AppError::Conflict(format!(
            "{clauses} flagged clause(s) and {questions} flagged question(s) have not been looked at: \
             review them, or choose to publish unreviewed"
        )));
    }
    Ok(u32::try_from(unreviewed).unwrap_or(u32::MAX))
}

/// Publishes a school's draft as a new policy, or as the next version of the policy it
/// replaces (a trust's draft is published by `crate::models::publish`).
pub async fn publish_draft(
    db: &Db,
    draft: &StoredDraft,
    request: &DraftPublish,
    now: DateTime<Utc>,
) -> AppResult<DraftPublished> {
    let Owner::School(school_id) = &draft.owner else {
        return Err(AppError::Internal(
            "a trust's draft is published as a model".into(),
        ));
    };
    let unreviewed = gate(draft, request.publish_unreviewed)?;
    let set = draft.review.clause_set();
    if set.clauses.is_empty() {
        return Err(AppError::Unprocessable(
            "every clause is marked as not taught: mark the ones staff must learn as taught".into(),
        ));
    }
    let publish = PublishRequest {
        file_name: draft.file_name.clone(),
        text: draft.source_text.clone(),
        title: request.title.clone(),
        version_label: request.version_label.clone(),
        review_period_months: request.review_period_months,
        pass_mark: request.pass_mark,
        next_review: request.next_review,
        groups: request.groups.clone(),
        requires_reattestation: request.requires_reattestation,
        source_sha256: Some(draft.source_sha256.clone()),
    };
    let reattest = match &draft.policy_id {
        Some(policy_id) => {
            Some(reattestation(db, policy_id, &set, request.requires_reattestation).await?)
        }
        None => None,
    };
    ensure_source(db, &publish).await?;
    let mut tx = db.pool.begin().await?;
    let result = match (&draft.policy_id, reattest) {
        (Some(policy_id), Some(reattest)) => {
            store_version(&mut tx, policy_id, &publish, &draft.review, reattest, now).await?
        }
        _ => store_policy(&mut tx, school_id, &publish, &draft.review, now).await?,
    };
    let marked = on_db!(tx, |e| {
        sqlx::query(
        "UPDATE policy_drafts SET published_version_id = $1, published_at = $2, policy_id = $3 \
         WHERE id = $4 AND revision = $5 AND published_at IS NULL",
    )
    .bind(&result.version_id)
    .bind(time_text(now))
    .bind(&result.policy_id)
    .bind(&draft.id)
    .bind(draft.revision)
    .execute(e).await.rows_affected()
    })?;
    if marked == 0 {
        // Dropping the transaction undoes the version stored above.
        return Err(changed_meanwhile());
    }
    if let Some(model_id) = &draft.model_id {
        on_db!(tx, |e| sqlx::query(
            "UPDATE policies SET model_id = $1 WHERE id = $2"
        )
        .bind(model_id)
        .bind(&result.policy_id)
        .execute(e)
        .await
        .rows_affected())?;
    }
    tx.commit().await?;
    Ok(DraftPublished {
        policy_id: result.policy_id,
        version_id: result.version_id,
        title: result.title,
        requires_reattestation: result.requires_reattestation,
        source_sha256: draft.source_sha256.clone(),
        unreviewed,
        adoptions: Vec::new(),
    })
}
