//! "My training": a person's assigned policies with their derived status.

use attest_domain::api::ModuleSummary;
use attest_domain::status::status;
use chrono::{DateTime, Utc};

use crate::db::Db;
use crate::error::AppResult;
use crate::learning::to_u32;
use crate::standing::{standings, Scope};

/// Every policy assigned to a person, with status, due date and progress.
pub async fn my_modules(
    db: &Db,
    person_id: &str,
    now: DateTime<Utc>,
) -> AppResult<Vec<ModuleSummary>> {
    let today = now.date_naive();
    let mut out = Vec::new();
    for standing in standings(db, Scope::Person(person_id), today).await? {
        let view = status(&standing.input(today));
        let version = &standing.version;
        out.push(ModuleSummary {
            version_id: version.id.clone(),
            title: standing.title.clone(),
            version_label: version.label.clone(),
            school_name: standing.school_name.clone(),
            status: view.status,
            due: Some(view.due),
            expires: view.expires,
            lessons_done: to_u32(standing.lessons_done),
            lessons_total: to_u32(version.lesson_count),
            receipt_id: crate::attesting::latest_for(db, person_id, &version.id).await?,
        });
    }
    Ok(out)
}
