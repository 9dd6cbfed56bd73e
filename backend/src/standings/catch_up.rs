//! Catching cached standings up with history instead of loading again.
//!
//! The September rush changes little but history: each quiz started or submitted, each
//! attestation and each lesson saved appends its school and person to the standings log
//! (migration 0011, on SQLite). Standings current at log id N, whose schools' revisions
//! have not moved since, need only the history of the people logged after N read again;
//! everything else they hold is still current. After a busy spell that touched most of
//! their people (or beyond what the log keeps), everyone's history is read again, still
//! keeping the schools, people and policies held. Where this process's writer made every
//! change logged since, its journal has them, and they are replayed in memory instead.

use foldhash::{HashSet, HashSetExt};

use super::build::Builder;
use super::journal::Journal;
use super::load::{each_row, load_history, Whose};
use super::{Facts, Scope};
use crate::db::{lite, Db};
use crate::error::{AppError, AppResult};

/// Past a quarter of the people changed, reading everyone's history is cheaper...
const MOST: usize = 4;
/// ...but so few are always quick to read.
const FEW: usize = 100;
/// Log rows worth keeping (see [`prune_log`]): standings further behind read everyone's
/// history again.
pub const LOG_KEPT: i64 = 1_000_000;

/// What catching up came to.
pub(super) enum Caught {
    /// Nobody in these schools was logged: the facts held are current.
    Unchanged,
    /// The facts with the logged people's history (or everyone's) read again, or with
    /// the changes this process's writer noted replayed (`replayed`).
    Up {
        /// The facts caught up.
        facts: Box<Facts>,
        /// Whether they were replayed rather than read.
        replayed: bool,
    },
}

/// Catches `old`, the facts of `schools` (with leavers or not) as at log id `since`, up
/// to log id `until` (their revisions being unchanged).
pub(super) async fn catch_up(
    db: &Db,
    journal: &Journal,
    old: &Facts,
    (schools, leavers): (&[String], bool),
    since: i64,
    until: i64,
) -> AppResult<Caught> {
    if let Some(caught) = replayed(journal, old, since, until) {
        return Ok(caught);
    }
    let t = std::time::Instant::now();
    let changed = match logged(db, old, schools, since, until).await? {
        Logged::Nobody => return Ok(Caught::Unchanged),
        Logged::Few(changed) => Some(changed),
        Logged::Many => None,
    };
    let everyone: HashSet<String>;
    let (again, listed) = match &changed {
        Some(changed) => {
            let listed =
                serde_json::to_string(changed).map_err(|e| AppError::Internal(e.to_string()))?;
            (changed, Some(listed))
        }
        None => {
            everyone = old.person_ids().map(str::to_string).collect();
            (&everyone, None)
        }
    };
    let scope = Scope::Schools(schools);
    let whose = match &listed {
        Some(listed) => Whose::Listed(listed),
        None => Whose::Scope(&scope, leavers),
    };
    let mut facts = Builder::over(old, |_, id| again.contains(id));
    load_history(db, &whose, &mut facts).await?;
    let facts = facts.finish_over(old);
    let people = changed.as_ref().map_or(old.people.len(), HashSet::len);
    tracing::debug!(elapsed = ?t.elapsed(), people, "standings: caught up");
    Ok(Caught::Up {
        facts: Box::new(facts),
        replayed: false,
    })
}

/// `old` with what this process's writer noted between two log ids replayed, if it
/// noted every change between them.
fn replayed(journal: &Journal, old: &Facts, since: i64, until: i64) -> Option<Caught> {
    let t = std::time::Instant::now();
    let noted = journal.covering(since, until)?;
    let changes = noted.iter().flat_map(|n| n.batch.changes());
    let facts = lite::bulk(|| Builder::replay(old, changes));
    let changes: usize = noted.iter().map(|n| n.batch.len()).sum();
    tracing::debug!(elapsed = ?t.elapsed(), changes, "standings: replayed");
    Some(facts.map_or(Caught::Unchanged, |facts| Caught::Up {
        facts: Box::new(facts),
        replayed: true,
    }))
}

/// Whose history was logged between two log ids.
enum Logged {
    /// No one's in these schools.
    Nobody,
    /// These people's.
    Few(HashSet<String>),
    /// So many people's (or the log no longer reaches back) that reading everyone's is cheaper.
    Many,
}

/// Log rows read per query: reading stops as soon as too many people are found.
const LOG_CHUNK: i64 = 4_096;

/// Reads the log between `since` and `until`, a chunk at a time, for these schools' people.
async fn logged(
    db: &Db,
    old: &Facts,
    schools: &[String],
    since: i64,
    until: i64,
) -> AppResult<Logged> {
    if until - since > LOG_KEPT {
        return Ok(Logged::Many);
    }
    let ours: HashSet<&str> = schools.iter().map(String::as_str).collect();
    let mut changed = HashSet::new();
    let too_many = |n: usize| n > FEW && n * MOST > old.people.len();
    let mut from = since;
    while from < until {
        let to = (from + LOG_CHUNK).min(until);
        let mut rows = 0;
        each_row(
            db,
            "SELECT school_id, person_id FROM standing_log \
             WHERE id > CAST($1 AS BIGINT) AND id <= CAST($2 AS BIGINT)",
            &[from.to_string(), to.to_string()],
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
        if rows != to - from || too_many(changed.len()) {
            return Ok(Logged::Many);
        }
        from = to;
    }
    Ok(if changed.is_empty() {
        Logged::Nobody
    } else {
        Logged::Few(changed)
    })
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
