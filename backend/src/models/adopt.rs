//! Publishing a model version and giving each school its copy.

use attest_domain::api::{Adoption, DraftPublish, DraftPublished};
use attest_domain::review::reapply;
use chrono::{DateTime, Utc};

use crate::db::ids::{new_id, time_text};
use crate::db::Db;
use crate::drafts::publish::gate;
use crate::drafts::{self, changed_meanwhile, publish_draft, Owner, Place, StoredDraft, Upload};
use crate::error::{AppError, AppResult};
use crate::manage::access::Manager;
use crate::on_db;

/// A school a version goes to, and its copy so far.
struct Target {
    school_id: String,
    school_name: String,
    policy_id: Option<String>,
}

/// Publishes a trust's draft as the next version of its model (or a new model) and gives a copy
/// to each school in `request.schools` and each that already follows the model.
pub async fn publish(
    db: &Db,
    draft: &StoredDraft,
    request: &DraftPublish,
    by: &Manager,
    now: DateTime<Utc>,
) -> AppResult<DraftPublished> {
    let Owner::Trust(trust_id) = &draft.owner else {
        return Err(AppError::Internal("a school's draft is not a model".into()));
    };
    let unreviewed = gate(draft, request.publish_unreviewed)?;
    if draft.review.clause_set().clauses.is_empty() {
        return Err(AppError::Unprocessable(
            "every clause is marked as not taught: mark the ones staff must learn as taught".into(),
        ));
    }
    let targets = targets(db, trust_id, draft.model_id.as_deref(), &request.schools).await?;
    if targets.is_empty() {
        return Err(AppError::Unprocessable(
            "choose at least one school to publish the model to".into(),
        ));
    }
    let adopting = targets.iter().any(|t| t.policy_id.is_none());
    if adopting && request.groups.iter().all(|g| g.trim().is_empty()) {
        return Err(AppError::Unprocessable(
            "choose at least one group that must complete it".into(),
        ));
    }
    let title = request
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| match draft.review.meta.title.trim() {
            "" => draft.file_name.clone(),
            found => found.to_string(),
        });
    let model_id = mark_published(db, draft, trust_id, &title, now).await?;
    let model = StoredDraft {
        model_id: Some(model_id.clone()),
        published_at: Some(time_text(now)),
        ..draft.clone()
    };
    let mut adoptions = Vec::new();
    for target in targets {
        adoptions.push(adopt(db, &model, target, request, by, now).await?);
    }
    Ok(DraftPublished {
        policy_id: model_id,
        version_id: draft.id.clone(),
        title,
        requires_reattestation: adoptions.iter().any(|a| a.requires_reattestation),
        source_sha256: draft.source_sha256.clone(),
        unreviewed,
        adoptions,
    })
}

/// The trust's schools the version goes to: those chosen (each must be the trust's) and those
/// that follow the model already.
async fn targets(
    db: &Db,
    trust_id: &str,
    model_id: Option<&str>,
    chosen: &[String],
) -> AppResult<Vec<Target>> {
    let schools: Vec<(String, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT id, name FROM schools WHERE trust_id = $1 ORDER BY name"
    )
    .bind(trust_id)
    .fetch_all(e)
    .await)?;
    if chosen
        .iter()
        .any(|c| !schools.iter().any(|(id, _)| id == c))
    {
        return Err(AppError::NotFound("school"));
    }
    let followers: Vec<(String, String)> = match model_id {
        Some(model_id) => on_db!(db, |e| sqlx::query_as(
            "SELECT school_id, id FROM policies WHERE model_id = $1"
        )
        .bind(model_id)
        .fetch_all(e)
        .await)?,
        None => Vec::new(),
    };
    Ok(schools
        .into_iter()
        .filter_map(|(school_id, school_name)| {
            let policy_id = followers
                .iter()
                .find(|(s, _)| *s == school_id)
                .map(|(_, p)| p.clone());
            (policy_id.is_some() || chosen.contains(&school_id)).then_some(Target {
                school_id,
                school_name,
                policy_id,
            })
        })
        .collect())
}

/// Marks the draft as a published version of its model (made now if it is the first).
async fn mark_published(
    db: &Db,
    draft: &StoredDraft,
    trust_id: &str,
    title: &str,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let mut tx = db.pool.begin().await?;
    let model_id = match &draft.model_id {
        Some(id) => {
            on_db!(tx, |e| sqlx::query(
                "UPDATE model_policies SET title = $1 WHERE id = $2"
            )
            .bind(title)
            .bind(id)
            .execute(e)
            .await
            .rows_affected())?;
            id.clone()
        }
        None => {
            let id = new_id();
            on_db!(tx, |e| {
                sqlx::query(
                "INSERT INTO model_policies (id, trust_id, title, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(&id)
            .bind(trust_id)
            .bind(title)
            .bind(time_text(now))
            .execute(e).await.rows_affected()
            })?;
            id
        }
    };
    let marked = on_db!(tx, |e| sqlx::query(
        "UPDATE policy_drafts SET published_at = $1, model_id = $2, model_version = \
           (SELECT COUNT(*) + 1 FROM policy_drafts WHERE model_id = $2 AND trust_id IS NOT NULL \
            AND published_at IS NOT NULL) \
         WHERE id = $3 AND revision = $4 AND published_at IS NULL",
    )
    .bind(time_text(now))
    .bind(&model_id)
    .bind(&draft.id)
    .bind(draft.revision)
    .execute(e)
    .await
    .rows_affected())?;
    if marked == 0 {
        // Dropping the transaction undoes a model made above.
        return Err(changed_meanwhile());
    }
    tx.commit().await?;
    Ok(model_id)
}

/// Makes one school's copy of the model version and publishes it, unless it must wait.
async fn adopt(
    db: &Db,
    model: &StoredDraft,
    target: Target,
    request: &DraftPublish,
    by: &Manager,
    now: DateTime<Utc>,
) -> AppResult<Adoption> {
    let previous = match &target.policy_id {
        Some(policy_id) => drafts::latest_published(db, policy_id).await?,
        None => None,
    };
    let (review, kept, lost) = match previous
        .as_ref()
        .and_then(|p| p.model_draft_id.clone().map(|m| (p, m)))
    {
        Some((previous, old_model)) => {
            let old_model = super::version(db, &old_model).await?;
            let r = reapply(&model.review, &old_model.review, &previous.review);
            (r.draft, r.kept, r.lost)
        }
        None => (model.review.clone(), 0, Vec::new()),
    };
    let place = Place {
        owner: Owner::School(target.school_id.clone()),
        policy_id: target.policy_id.clone(),
        model_id: model.model_id.clone(),
        model_draft_id: Some(model.id.clone()),
    };
    let upload = Upload {
        text: model.source_text.clone(),
        review,
        sha256: model.source_sha256.clone(),
    };
    let copy_id = drafts::insert(db, &place, &model.file_name, upload, by, now).await?;
    let mut adoption = Adoption {
        school_id: target.school_id,
        school_name: target.school_name,
        policy_id: target.policy_id.clone(),
        version_id: None,
        requires_reattestation: false,
        amendments_kept: u32::try_from(kept).unwrap_or(u32::MAX),
        waiting_draft_id: None,
        waiting_reason: None,
    };
    if !lost.is_empty() {
        adoption.waiting_draft_id = Some(copy_id);
        adoption.waiting_reason = Some(format!(
            "the school's amendments to clause(s) {} are on text this version changed: \
             the school reviews its copy before staff see it",
            lost.join(", ")
        ));
        return Ok(adoption);
    }
    let copy = super::version(db, &copy_id).await?;
    let follows = target.policy_id.is_some();
    let school_request = DraftPublish {
        // A school that follows the model keeps its own groups and settings.
        groups: if follows {
            Vec::new()
        } else {
            request.groups.clone()
        },
        pass_mark: request.pass_mark.filter(|_| !follows),
        review_period_months: request.review_period_months.filter(|_| !follows),
        requires_reattestation: None,
        schools: Vec::new(),
        ..request.clone()
    };
    match publish_draft(db, &copy, &school_request, now).await {
        Ok(done) => {
            adoption.policy_id = Some(done.policy_id);
            adoption.version_id = Some(done.version_id);
            adoption.requires_reattestation = done.requires_reattestation;
        }
        Err(AppError::Conflict(why) | AppError::Unprocessable(why)) => {
            adoption.waiting_draft_id = Some(copy_id);
            adoption.waiting_reason = Some(why);
        }
        Err(other) => return Err(other),
    }
    Ok(adoption)
}
