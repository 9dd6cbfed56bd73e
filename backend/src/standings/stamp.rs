//! What cached standings are current at: their schools' revisions and the standings
//! log's last id, read in one small query before they are loaded.

use std::collections::HashMap;

use crate::db::rows::marks;
use crate::db::Db;
use crate::error::AppResult;

/// What the facts of an entry are current at: read before they were loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stamp {
    /// Each school's revision, in the key's order.
    pub revisions: Vec<i64>,
    /// The standings log's last id.
    pub log: i64,
}

/// Each school's current revision (0 for a school nothing has touched yet) and the
/// standings log's last id, in one query.
pub(super) async fn stamp(db: &Db, schools: &[String]) -> AppResult<Stamp> {
    let revisions = if schools.is_empty() {
        String::new()
    } else {
        format!(
            "SELECT school_id, CAST(SUM(revision) AS BIGINT) FROM standing_revisions \
             WHERE school_id IN ({}) GROUP BY school_id UNION ALL ",
            marks(1, schools.len())
        )
    };
    // No school's id is empty: that row is the log's.
    let sql =
        format!("{revisions}SELECT '', CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM standing_log");
    let mut query = sqlx::query_as::<_, (String, i64)>(&sql);
    for s in schools {
        query = query.bind(s);
    }
    let mut found: HashMap<String, i64> = query.fetch_all(&db.pool).await?.into_iter().collect();
    let log = found.remove("").unwrap_or(0);
    Ok(Stamp {
        revisions: schools
            .iter()
            .map(|s| found.get(s).copied().unwrap_or(0))
            .collect(),
        log,
    })
}
