//! Model policies as the pages show them: a trust's models with the schools that follow each, and
//! one school's amendments diffed against the model version its copy was made from.

use attest_domain::api::{
    ModelDraftSummary, ModelPolicy, ModelSchool, NamedRef, PolicyAmendments, TrustModels,
};
use attest_domain::diff::{diff, PolicyDiff};

use super::{version, versions};
use crate::db::ids::parse_time;
use crate::db::Db;
use crate::drafts;
use crate::error::{AppError, AppResult};
use crate::manage::policies::latest_clauses;
use crate::on_db;

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn time(text: &str) -> AppResult<chrono::DateTime<chrono::Utc>> {
    parse_time(text).ok_or_else(|| AppError::Internal(format!("stored time {text}")))
}

/// A copy of the policy waiting for the school's review, if one is.
async fn waiting(db: &Db, model_id: &str, school_id: &str) -> AppResult<Option<String>> {
    let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT id FROM policy_drafts WHERE model_id = $1 AND school_id = $2 \
         AND published_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(model_id)
    .bind(school_id)
    .fetch_optional(e)
    .await)?;
    Ok(row.map(|(id,)| id))
}

/// How a school's copy stands against the model: the model version it was made from (its
/// draft id) and the amendments, duty by duty.
async fn against_model(db: &Db, policy_id: &str) -> AppResult<Option<(String, PolicyDiff)>> {
    let Some(latest) = drafts::latest_published(db, policy_id).await? else {
        return Ok(None);
    };
    let Some(model_draft_id) = latest.model_draft_id else {
        return Ok(None);
    };
    let model = version(db, &model_draft_id).await?;
    let copy = latest_clauses(db, policy_id)
        .await?
        .map(|(_, set)| set)
        .unwrap_or_else(|| latest.review.clause_set());
    Ok(Some((
        model_draft_id,
        diff(&model.review.clause_set(), &copy),
    )))
}

/// The trust's model policies, the schools following each, and its unpublished uploads.
pub async fn trust_models(db: &Db, trust_id: &str) -> AppResult<TrustModels> {
    let (trust_name,): (String,) = on_db!(db, |e| sqlx::query_as(
        "SELECT name FROM trusts WHERE id = $1"
    )
    .bind(trust_id)
    .fetch_optional(e)
    .await)?
    .ok_or(AppError::NotFound("trust"))?;
    let schools: Vec<(String, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT id, name FROM schools WHERE trust_id = $1 ORDER BY name"
    )
    .bind(trust_id)
    .fetch_all(e)
    .await)?;
    let rows: Vec<(String, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT id, title FROM model_policies WHERE trust_id = $1 ORDER BY title, id",
    )
    .bind(trust_id)
    .fetch_all(e)
    .await)?;
    let mut models = Vec::new();
    for (id, title) in rows {
        let versions = versions(db, &id).await?;
        let Some(latest_id) = versions.last() else {
            continue;
        };
        let latest = version(db, latest_id).await?;
        let published_at = time(latest.published_at.as_deref().unwrap_or_default())?;
        let followers: Vec<(String, String)> = on_db!(db, |e| sqlx::query_as(
            "SELECT school_id, id FROM policies WHERE model_id = $1"
        )
        .bind(&id)
        .fetch_all(e)
        .await)?;
        let mut following = Vec::new();
        for (school_id, school_name) in &schools {
            let policy_id = followers
                .iter()
                .find(|(s, _)| s == school_id)
                .map(|(_, p)| p.clone());
            let waiting_draft_id = waiting(db, &id, school_id).await?;
            if policy_id.is_none() && waiting_draft_id.is_none() {
                continue;
            }
            let standing = match &policy_id {
                Some(p) => against_model(db, p).await?,
                None => None,
            };
            following.push(ModelSchool {
                school_id: school_id.clone(),
                school_name: school_name.clone(),
                policy_id,
                follows_latest: standing.as_ref().is_some_and(|(v, _)| v == latest_id),
                amendments: standing.map_or(0, |(_, d)| count(d.changes.len())),
                waiting_draft_id,
            });
        }
        models.push(ModelPolicy {
            id,
            title,
            versions: count(versions.len()),
            published_at,
            schools: following,
        });
    }
    let open: Vec<(String, String, Option<String>, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT id, file_name, model_id, created_at FROM policy_drafts \
         WHERE trust_id = $1 AND published_at IS NULL ORDER BY created_at DESC, id",
    )
    .bind(trust_id)
    .fetch_all(e)
    .await)?;
    let mut drafts = Vec::new();
    for (id, file_name, model_id, created_at) in open {
        drafts.push(ModelDraftSummary {
            id,
            file_name,
            model_id,
            created_at: time(&created_at)?,
        });
    }
    Ok(TrustModels {
        trust_id: trust_id.to_string(),
        trust_name,
        schools: schools
            .into_iter()
            .map(|(id, name)| NamedRef { id, name })
            .collect(),
        models,
        drafts,
    })
}

/// A school's copy against the model version it was made from; 404 for a policy that follows
/// no model.
pub async fn amendments(db: &Db, policy_id: &str) -> AppResult<PolicyAmendments> {
    let (title, school_id, model_id): (String, String, Option<String>) =
        on_db!(db, |e| sqlx::query_as(
            "SELECT title, school_id, model_id FROM policies WHERE id = $1"
        )
        .bind(policy_id)
        .fetch_optional(e)
        .await)?
        .ok_or(AppError::NotFound("policy"))?;
    let model_id = model_id.ok_or(AppError::NotFound("model policy"))?;
    let (model_title,): (String,) = on_db!(db, |e| sqlx::query_as(
        "SELECT title FROM model_policies WHERE id = $1"
    )
    .bind(&model_id)
    .fetch_one(e)
    .await)?;
    let versions = versions(db, &model_id).await?;
    let (from, amendments) = against_model(db, policy_id)
        .await?
        .ok_or(AppError::NotFound("model policy"))?;
    let model_version = versions
        .iter()
        .position(|v| *v == from)
        .map_or(0, |i| i + 1);
    Ok(PolicyAmendments {
        policy_id: policy_id.to_string(),
        title,
        waiting_draft_id: waiting(db, &model_id, &school_id).await?,
        school_id,
        model_id,
        model_title,
        model_version: count(model_version),
        latest_model_version: count(versions.len()),
        amendments,
    })
}
