//! "My training": a person's assigned policies with their derived status.

use std::collections::HashMap;

use attest_domain::api::ModuleSummary;
use chrono::{DateTime, Utc};

use crate::db::Db;
use crate::error::AppResult;
use crate::learning::to_u32;
use crate::on_db;
use crate::standings::{load, Scope};

/// Every policy assigned to a person, with status, due date and progress.
///
/// The inputs come from the same bulk loader the dashboards use, so a person's own
/// view and their manager's view can never disagree.
pub async fn my_modules(
    db: &Db,
    person_id: &str,
    now: DateTime<Utc>,
) -> AppResult<Vec<ModuleSummary>> {
    let facts = load(db, &Scope::Person(person_id), false).await?;
    let receipts = receipt_ids(db, person_id).await?;
    let today = now.date_naive();
    let mut out: Vec<ModuleSummary> = facts
        .cells(today)
        .filter(|cell| facts.member(cell.member).person_id == person_id)
        .map(|cell| {
            let member = facts.member(cell.member);
            let policy = &facts.policies[cell.policy];
            ModuleSummary {
                version_id: cell.version.id.clone(),
                title: policy.title.clone(),
                version_label: cell.version.label.clone(),
                school_name: member.school_name.to_string(),
                status: cell.view.status,
                due: Some(cell.view.due),
                expires: cell.view.expires,
                lessons_done: to_u32(cell.work.lessons_done),
                lessons_total: to_u32(cell.version.lesson_count),
                // The latest attestation of any version: still the person's evidence
                // while a newer version waits to be signed.
                receipt_id: cell.held.and_then(|h| {
                    receipts
                        .get(&(member.school_id.to_string(), h.record))
                        .cloned()
                }),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.title
            .cmp(&b.title)
            .then(a.school_name.cmp(&b.school_name))
    });
    Ok(out)
}

/// A person's attestation ids by (school, record number in its chain): facts keep only the number.
async fn receipt_ids(db: &Db, person_id: &str) -> AppResult<HashMap<(String, i64), String>> {
    let rows: Vec<(String, i64, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT school_id, seq, id FROM attestations WHERE person_id = $1"
    )
    .bind(person_id)
    .fetch_all(e)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(school, seq, id)| ((school, seq), id))
        .collect())
}
