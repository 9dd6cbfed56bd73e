//! Policies in the managers' area: the list, storing a reviewed draft as a new policy or
//! version ([`store_policy`], [`store_version`]; see `crate::drafts`), and diffs.

use crate::on_db;
use attest_domain::api::{PolicySummary, PublishRequest, PublishResult};
use attest_domain::diff::{diff, PolicyDiff};
use attest_domain::review::Draft;
use attest_domain::ClauseSet;
use chrono::{DateTime, Utc};

use crate::db::ids::{parse_date, time_text};
use crate::db::Db;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::learning::to_u32;
use crate::publish::{publish_new_policy, publish_new_version, PublishOptions};

/// The policies of a school with their current versions.
pub async fn list_policies(db: &Db, school_id: &str) -> AppResult<Vec<PolicySummary>> {
    type Row = (String, String, String, i64, Option<String>, Option<String>);
    let rows: Vec<Row> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT p.id, p.title, v.label, v.seq, v.next_review, p.model_id FROM policies p \
         JOIN policy_versions v ON v.policy_id = p.id \
         WHERE p.school_id = $1 AND v.seq = (SELECT MAX(seq) FROM policy_versions WHERE policy_id = p.id) \
         ORDER BY p.title",
    )
    .bind(school_id)
    .fetch_all(e).await
    })?;
    let mut out = Vec::new();
    for (id, title, label, seq, next_review, model_id) in rows {
        let groups: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(
            "SELECT group_name FROM assignments WHERE policy_id = $1 ORDER BY group_name",
        )
        .bind(&id)
        .fetch_all(e)
        .await)?;
        out.push(PolicySummary {
            id,
            title,
            version_label: label,
            versions: u32::try_from(seq).unwrap_or(0),
            groups: groups.into_iter().map(|(g,)| g).collect(),
            next_review: next_review.as_deref().and_then(parse_date),
            from_model: model_id.is_some(),
        });
    }
    Ok(out)
}

/// The clause set of a policy's latest version (with its seq), if it has one.
pub async fn latest_clauses(db: &Db, policy_id: &str) -> AppResult<Option<(i64, ClauseSet)>> {
    let row: Option<(i64, String)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT seq, clause_set FROM policy_versions WHERE policy_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(policy_id)
    .fetch_optional(e).await
    })?;
    row.map(|(seq, json)| Ok((seq, read_set(&json)?)))
        .transpose()
}

/// A stored clause set.
pub fn read_set(json: &str) -> AppResult<ClauseSet> {
    serde_json::from_str(json)
        .map_err(|e| AppError::Internal(format!("stored clause set unreadable: {e}")))
}

/// The clause set of one version of a policy by seq.
pub async fn version_clauses(db: &Db, policy_id: &str, seq: i64) -> AppResult<Option<ClauseSet>> {
    let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT clause_set FROM policy_versions WHERE policy_id = $1 AND seq = $2"
    )
    .bind(policy_id)
    .bind(seq)
    .fetch_optional(e)
    .await)?;
    row.map(|(json,)| read_set(&json)).transpose()
}

/// The settings a version starts with unless the manager sends others: a next version keeps
/// the latest one's (a manager's grace days, say, must not be lost exactly when they apply).
#[derive(Debug, Clone, Copy)]
struct Kept {
    review_period_months: u32,
    pass_mark: u32,
    grace_days: u32,
}

/// What a new policy starts with.
const FIRST_VERSION: Kept = Kept {
    review_period_months: 12,
    pass_mark: 80,
    grace_days: 30,
};

/// The latest version's settings, or a new policy's if it has none.
async fn kept_settings(tx: &mut Tx, policy_id: &str) -> AppResult<Kept> {
    let row: Option<(i64, i64, i64)> = on_db!(tx, |e| sqlx::query_as(
        "SELECT review_period_months, pass_mark, grace_days FROM policy_versions \
         WHERE policy_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(policy_id)
    .fetch_optional(e)
    .await)?;
    Ok(match row {
        Some((months, mark, grace)) => Kept {
            review_period_months: to_u32(months),
            pass_mark: to_u32(mark),
            grace_days: to_u32(grace),
        },
        None => FIRST_VERSION,
    })
}

fn options(
    request: &PublishRequest,
    requires_reattestation: bool,
    kept: Kept,
) -> AppResult<PublishOptions> {
    let pass_mark = request.pass_mark.unwrap_or(kept.pass_mark);
    let review_period_months = request
        .review_period_months
        .unwrap_or(kept.review_period_months);
    if request.version_label.trim().is_empty() || request.version_label.len() > 60 {
        return Err(AppError::Unprocessable(
            "enter a version label (up to 60 characters)".into(),
        ));
    }
    if !(1..=100).contains(&pass_mark) {
        return Err(AppError::Unprocessable(
            "the pass mark must be 1 to 100 percent".into(),
        ));
    }
    if !(1..=60).contains(&review_period_months) {
        return Err(AppError::Unprocessable(
            "the review period must be 1 to 60 months".into(),
        ));
    }
    if request.text.trim().is_empty() || request.file_name.trim().is_empty() {
        return Err(AppError::Unprocessable(
            "upload the policy file first".into(),
        ));
    }
    Ok(PublishOptions {
        title: request.title.clone(),
        label: request.version_label.trim().to_string(),
        review_period_months,
        pass_mark,
        next_review: request.next_review,
        requires_reattestation,
        grace_days: kept.grace_days,
        reviewed: None,
        whole: None,
        source_sha256: request
            .source_sha256
            .as_deref()
            .map(str::to_ascii_lowercase),
    })
}

/// Makes `groups` the policy's assigned groups. A group that stays keeps its row (its date
/// and its new starters' days); a group added gets the days the policy's groups have now.
async fn set_assignments(
    tx: &mut Tx,
    policy_id: &str,
    groups: &[String],
    now: DateTime<Utc>,
) -> AppResult<()> {
    let groups = crate::manage::people_import::parse_groups(&groups.join(";"))
        .map_err(AppError::Unprocessable)?;
    let current: Vec<(String, i64)> = on_db!(tx, |e| sqlx::query_as(
        "SELECT group_name, new_starter_days FROM assignments WHERE policy_id = $1"
    )
    .bind(policy_id)
    .fetch_all(e)
    .await)?;
    let days = current.iter().map(|(_, d)| *d).max().unwrap_or(14);
    for (gone, _) in current.iter().filter(|(g, _)| !groups.contains(g)) {
        on_db!(tx, |e| sqlx::query(
            "DELETE FROM assignments WHERE policy_id = $1 AND group_name = $2"
        )
        .bind(policy_id)
        .bind(gone)
        .execute(e)
        .await
        .rows_affected())?;
    }
    for g in groups
        .iter()
        .filter(|g| !current.iter().any(|(c, _)| c == *g))
    {
        on_db!(tx, |e| {
            sqlx::query(
            "INSERT INTO assignments (policy_id, group_name, new_starter_days, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(policy_id)
        .bind(g)
        .bind(days)
        .bind(time_text(now))
        .execute(e).await.rows_affected()
        })?;
    }
    Ok(())
}

/// A publish that names a kept original must name one that is kept.
pub(crate) async fn ensure_source(db: &Db, request: &PublishRequest) -> AppResult<()> {
    match &request.source_sha256 {
        Some(sha256) => crate::sources::ensure_kept(db, sha256).await,
        None => Ok(()),
    }
}

/// The options of a reviewed draft: its taught clauses for lessons and quiz, and the whole
/// policy for staff to read.
fn reviewed(mut options: PublishOptions, review: &Draft) -> PublishOptions {
    options.reviewed = Some(review.clause_set());
    options.whole = Some(review.whole_set());
    options
}

/// Stores a new policy from a reviewed draft in the caller's transaction.
pub(crate) async fn store_policy(
    tx: &mut Tx,
    school_id: &str,
    request: &PublishRequest,
    review: &Draft,
    now: DateTime<Utc>,
) -> AppResult<PublishResult> {
    if request.groups.iter().all(|g| g.trim().is_empty()) {
        return Err(AppError::Unprocessable(
            "choose at least one group that must complete it".into(),
        ));
    }
    let options = reviewed(options(request, false, FIRST_VERSION)?, review);
    let published = publish_new_policy(
        tx,
        school_id,
        &request.file_name,
        &request.text,
        &options,
        now,
    )
    .await?;
    set_assignments(tx, &published.policy_id, &request.groups, now).await?;
    Ok(PublishResult {
        policy_id: published.policy_id,
        version_id: published.version_id,
        title: published.title,
        requires_reattestation: false,
    })
}

/// Whether holders re-attest: as the manager chose, or when a duty changed from the latest version.
pub(crate) async fn reattestation(
    db: &Db,
    policy_id: &str,
    new_set: &ClauseSet,
    chosen: Option<bool>,
) -> AppResult<bool> {
    let changed = match latest_clauses(db, policy_id).await? {
        Some((_, old)) => diff(&old, new_set).duty_changed(),
        None => true,
    };
    Ok(chosen.unwrap_or(changed))
}

/// Stores the next version of a policy from a reviewed draft in the caller's transaction.
pub(crate) async fn store_version(
    tx: &mut Tx,
    policy_id: &str,
    request: &PublishRequest,
    review: &Draft,
    reattest: bool,
    now: DateTime<Utc>,
) -> AppResult<PublishResult> {
    let kept = kept_settings(tx, policy_id).await?;
    let options = reviewed(options(request, reattest, kept)?, review);
    let published = publish_new_version(
        tx,
        policy_id,
        &request.file_name,
        &request.text,
        &options,
        now,
    )
    .await?;
    if request.groups.iter().any(|g| !g.trim().is_empty()) {
        set_assignments(tx, policy_id, &request.groups, now).await?;
    }
    Ok(PublishResult {
        policy_id: published.policy_id,
        version_id: published.version_id,
        title: published.title,
        requires_reattestation: reattest,
    })
}

/// The difference between a policy's version `seq` and the one before it (default: the latest).
pub async fn version_diff(db: &Db, policy_id: &str, seq: Option<i64>) -> AppResult<PolicyDiff> {
    let (seq, new) = match seq {
        Some(s) => (
            s,
            version_clauses(db, policy_id, s)
                .await?
                .ok_or(AppError::NotFound("version"))?,
        ),
        None => latest_clauses(db, policy_id)
            .await?
            .ok_or(AppError::NotFound("version"))?,
    };
    let old = version_clauses(db, policy_id, seq - 1)
        .await?
        .unwrap_or_default();
    Ok(diff(&old, &new))
}

/// For a person re-attesting: what changed since the version they last attested, if an older one.
pub async fn changes_since_attested(
    db: &Db,
    person_id: &str,
    policy_id: &str,
    current_seq: i64,
) -> AppResult<Option<PolicyDiff>> {
    let row: Option<(i64,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT v.seq FROM attestations a JOIN policy_versions v ON v.id = a.version_id \
         WHERE a.person_id = $1 AND v.policy_id = $2 ORDER BY v.seq DESC LIMIT 1",
    )
    .bind(person_id)
    .bind(policy_id)
    .fetch_optional(e)
    .await)?;
    let Some((held_seq,)) = row.filter(|(s,)| *s < current_seq) else {
        return Ok(None);
    };
    let (Some(old), Some(new)) = (
        version_clauses(db, policy_id, held_seq).await?,
        version_clauses(db, policy_id, current_seq).await?,
    ) else {
        return Ok(None);
    };
    // "What changed" teaches only what staff must now do differently, not rewording.
    Ok(Some(diff(&old, &new).material()).filter(PolicyDiff::duty_changed))
}
