//! Catching cached standings up from the standings log instead of loading them again.
//!
//! Every change to what the loader reads appends a row to `standing_log` in its own
//! transaction, on both databases (migration 0017): `(school, person)` when one person's
//! history changed (a quiz started or submitted, an attestation, lessons read), `(school,
//! NULL)` for any other change to the school. Log ids follow commit order, so the log's
//! last id, read before loading, is what cached facts are current at. Facts current at
//! id N need: nothing, if no row after N names their schools; the history of the people
//! named read again, if only history changed; everyone's history read again (keeping the
//! schools, people and policies held) after a spell that touched most of them; and a
//! fresh load if a school changed as a whole or the log no longer reaches back to N.

use foldhash::{HashSet, HashSetExt};

use super::build::Builder;
use super::load::{each_row, load_history, Whose};
use super::{Facts, Scope};
use crate::db::rows::marks;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// Past a quarter of the people changed, reading everyone's history is cheaper...
const MOST: usize = 4;
/// ...but so few are always quick to read.
const FEW: usize = 100;
/// Log rows worth keeping (see [`prune_log`]): standings further behind load afresh.
pub const LOG_KEPT: i64 = 1_000_000;

/// The standings log's last id (0 while it is empty): what facts loaded after reading it
/// are at least as current as.
pub(super) async fn log_end(db: &Db) -> AppResult<i64> {
    let (end,): (i64,) = on_db!(db, |e| sqlx::query_as(
        "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM standing_log"
    )
    .fetch_one(e)
    .await)?;
    Ok(end)
}

/// What catching up came to.
pub(super) enum Caught {
    /// Nobody in these schools was logged: the facts held are current.
    Unchanged,
    /// The facts with the logged people's history (or everyone's) read again.
    Up(Box<Facts>),
    /// A school changed as a whole, or the log no longer reaches back: load afresh.
    Reload,
}

/// Catches `old`, the facts of `schools` (with leavers or not) as at log id `since`, up
/// to log id `until`.
pub(super) async fn catch_up(
    db: &Db,
    old: &Facts,
    (schools, leavers): (&[String], bool),
    since: i64,
    until: i64,
) -> AppResult<Caught> {
    let t = std::time::Instant::now();
    let changed = match logged(db, old, schools, since, until).await? {
        Logged::Nobody => return Ok(Caught::Unchanged),
        Logged::Schools => return Ok(Caught::Reload),
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
    Ok(Caught::Up(Box::new(facts)))
}

/// Whose history was logged between two log ids.
enum Logged {
    /// No one's in these schools.
    Nobody,
    /// A school of theirs changed as a whole (or the log no longer reaches back).
    Schools,
    /// Only these people's history.
    Few(HashSet<String>),
    /// So many people's history that reading everyone's is cheaper.
    Many,
}

/// Log rows read per query: reading stops as soon as too many people are found.
const LOG_CHUNK: i64 = 4_096;

/// Reads the log between `since` and `until` for these schools: first whether any of
/// them changed as a whole (few rows, through their own index), then whose history
/// changed, a chunk at a time.
async fn logged(
    db: &Db,
    old: &Facts,
    schools: &[String],
    since: i64,
    until: i64,
) -> AppResult<Logged> {
    if schools.is_empty() {
        return Ok(Logged::Nobody);
    }
    if until - since > LOG_KEPT || pruned_after(db, since).await? {
        return Ok(Logged::Schools);
    }
    let mut binds = vec![since.to_string(), until.to_string()];
    binds.extend(schools.iter().cloned());
    let school_wide = format!(
        "SELECT school_id FROM standing_log WHERE id > CAST($1 AS BIGINT) \
         AND id <= CAST($2 AS BIGINT) AND person_id IS NULL AND school_id IN ({}) LIMIT 1",
        marks(3, schools.len())
    );
    let mut whole = false;
    each_row(db, &school_wide, &binds, |_| {
        whole = true;
        Ok(())
    })
    .await?;
    if whole {
        return Ok(Logged::Schools);
    }
    let ours: HashSet<&str> = schools.iter().map(String::as_str).collect();
    let mut changed = HashSet::new();
    let too_many = |n: usize| n > FEW && n * MOST > old.people.len();
    let mut from = since;
    while from < until {
        let to = (from + LOG_CHUNK).min(until);
        each_row(
            db,
            "SELECT school_id, person_id FROM standing_log \
             WHERE id > CAST($1 AS BIGINT) AND id <= CAST($2 AS BIGINT) \
             AND person_id IS NOT NULL",
            &[from.to_string(), to.to_string()],
            |r| {
                let person = r.text(1)?;
                // Most rows repeat a person: look before allocating.
                if ours.contains(r.text(0)?) && !changed.contains(person) {
                    changed.insert(person.to_string());
                }
                Ok(())
            },
        )
        .await?;
        if too_many(changed.len()) {
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

/// Whether rows after `since` may have been pruned: pruning deletes from the oldest, so
/// the log must still hold an id no later than the first one after `since`. (A
/// transaction that rolled back leaves an unused id; at worst that loads afresh once.)
async fn pruned_after(db: &Db, since: i64) -> AppResult<bool> {
    let (first,): (Option<i64>,) = on_db!(db, |e| sqlx::query_as(
        "SELECT CAST(MIN(id) AS BIGINT) FROM standing_log"
    )
    .fetch_one(e)
    .await)?;
    Ok(first.is_some_and(|first| first > since + 1))
}

/// Rows deleted per transaction by [`prune_log`], so that writers never wait long.
const PRUNE_CHUNK: i64 = 50_000;

/// Deletes all but the last `keep` rows of the standings log; returns how many went.
pub async fn prune_log(db: &Db, keep: i64) -> AppResult<u64> {
    let mut pruned = 0;
    loop {
        let done = on_db!(db, |e| sqlx::query(
            "DELETE FROM standing_log WHERE id <= (SELECT MAX(id) FROM standing_log) - $1 \
             AND id <= (SELECT MIN(id) FROM standing_log) + $2",
        )
        .bind(keep)
        .bind(PRUNE_CHUNK)
        .execute(e)
        .await
        .rows_affected())?;
        if done == 0 {
            return Ok(pruned);
        }
        pruned += done;
    }
}
