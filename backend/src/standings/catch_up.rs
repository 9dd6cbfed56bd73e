//! Catching cached standings up with a few people's changes instead of loading again.
//!
//! The September rush changes little but history: each quiz started or submitted, each
//! attestation and each lesson saved appends its school and person to the standings log
//! (migration 0011, on SQLite). Standings current at log id N, whose schools' revisions
//! have not moved since, need only the history of the people logged after N read again;
//! everything else they hold is still current.

use foldhash::{HashSet, HashSetExt};

use super::build::Builder;
use super::load::{each_row, load_history, Whose};
use super::Facts;
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// Past a quarter of the people changed, one load of everything is cheaper...
const MOST: usize = 4;
/// ...but so few are always quick to read.
const FEW: usize = 100;
/// Log rows worth keeping (see [`prune_log`]): standings further behind load again.
pub const LOG_KEPT: i64 = 1_000_000;

/// What catching up came to.
pub(super) enum Caught {
    /// Nobody in these schools was logged: the facts held are current.
    Unchanged,
    /// The facts with the logged people's history read again.
    Up(Box<Facts>),
    /// Too much changed, or the log no longer reaches back: load everything.
    TooFar,
}

/// Catches `old`, the facts of `schools` as at log id `since`, up to log id `until`
/// (their revisions being unchanged).
pub(super) async fn catch_up(
    db: &Db,
    old: &Facts,
    schools: &[String],
    since: i64,
    until: i64,
) -> AppResult<Caught> {
    if until - since > LOG_KEPT {
        return Ok(Caught::TooFar);
    }
    let t = std::time::Instant::now();
    let ours: HashSet<&str> = schools.iter().map(String::as_str).collect();
    let mut changed = HashSet::new();
    let mut rows = 0;
    each_row(
        db,
        "SELECT school_id, person_id FROM standing_log \
         WHERE id > CAST($1 AS BIGINT) AND id <= CAST($2 AS BIGINT)",
        &[since.to_string(), until.to_string()],
        |r| {
            rows += 1;
            let person = r.text(1)?;
            // Most rows repeat a person: look before allocating.
            if ours.contains(r.text(0)?) && !changed.contains(person) {
                changed.insert(person.to_string());
            }
            Ok(())
        },
    )
    .await?;
    // Ids are never reused or skipped, so fewer rows than ids means some were pruned.
    if rows != until - since {
        return Ok(Caught::TooFar);
    }
    if changed.is_empty() {
        return Ok(Caught::Unchanged);
    }
    if changed.len() > FEW && changed.len() * MOST > old.people.len() {
        return Ok(Caught::TooFar);
    }
    let listed = serde_json::to_string(&changed).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut facts = Builder::over(old, &changed);
    load_history(db, &Whose::Listed(&listed), &mut facts).await?;
    let facts = facts.finish_over(old);
    tracing::debug!(elapsed = ?t.elapsed(), rows, people = changed.len(), "standings: caught up");
    Ok(Caught::Up(Box::new(facts)))
}

/// Rows deleted per transaction by [`prune_log`], so that writers never wait long.
const PRUNE_CHUNK: i64 = 50_000;

/// Deletes all but the last `keep` rows of the standings log; returns how many went.
pub async fn prune_log(db: &Db, keep: i64) -> AppResult<u64> {
    let mut pruned = 0;
    loop {
        let done = sqlx::query(
            "DELETE FROM standing_log WHERE id <= (SELECT MAX(id) FROM standing_log) - $1 \
             AND id <= (SELECT MIN(id) FROM standing_log) + $2",
        )
        .bind(keep)
        .bind(PRUNE_CHUNK)
        .execute(&db.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(pruned);
        }
        pruned += done.rows_affected();
    }
}
