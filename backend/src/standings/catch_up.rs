//! Catching cached standings up from the standings log instead of loading them again.
//!
//! Every change to what the loader reads appends a row to `standing_log` in its own
//! transaction, on both databases (migrations 0017 and 0028): a record of one person's
//! history (an attestation, a quiz attempt started or submitted, lessons read) with what
//! it says; `(school, person)` alone when a change to their history could take something
//! away (a record deleted or moved); `(school, NULL)` for any other change to the
//! school. Log ids follow commit order, so the log's last id, read before loading, is
//! what cached facts are current at. Facts current at id N catch up to id M by applying
//! the records between them (see [`Over`]) and reading again the history of the people
//! named alone, or load afresh if a school changed as a whole or the log no longer
//! reaches back to N.

use foldhash::{HashSet, HashSetExt};

use super::build::{Logged, Over};
use super::fields::day;
use super::load::{each_row, load_history, Whose};
use super::Facts;
use crate::db::rows::marks;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

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
    /// The facts with the logged history applied (and some people's read again).
    Up(Box<Facts>),
    /// A school changed as a whole, or the log no longer reaches back: load afresh.
    Reload,
}

/// Catches `old`, the facts of `schools` as at log id `since`, up to log id `until`.
pub(super) async fn catch_up(
    db: &Db,
    old: &Facts,
    schools: &[String],
    since: i64,
    until: i64,
) -> AppResult<Caught> {
    if schools.is_empty() {
        return Ok(Caught::Unchanged);
    }
    let t = std::time::Instant::now();
    let Some(again) = read_again(db, schools, since, until).await? else {
        return Ok(Caught::Reload);
    };
    let mut over = Over::new(old, &again);
    let (mut unknown, mut records) = (false, 0usize);
    let sql = format!(
        "SELECT person_id, version_id, kind, at, COALESCE(passed_at, ''), COALESCE(n, 0) \
         FROM standing_log WHERE id > CAST($1 AS BIGINT) AND id <= CAST($2 AS BIGINT) \
         AND kind IS NOT NULL AND school_id IN ({})",
        marks(3, schools.len())
    );
    each_row(db, &sql, &between(since, until, schools), |r| {
        let (on, n) = (day(r.text(3)?), r.int(5)?);
        let record = match r.int(2)? {
            1 => Logged::Held(on, n),
            2 => {
                let passed = r.text(4)?;
                Logged::Attempt(on, (!passed.is_empty()).then(|| day(passed)))
            }
            3 => Logged::Progress(n, on),
            // Written by a later server: what it says cannot be applied here.
            _ => {
                unknown = true;
                return Ok(());
            }
        };
        over.apply(r.text(0)?, r.text(1)?, record);
        records += 1;
        Ok(())
    })
    .await?;
    tracing::debug!(elapsed = ?t.elapsed(), records, "standings: logged records applied");
    if unknown {
        return Ok(Caught::Reload);
    }
    if !again.is_empty() {
        let listed =
            serde_json::to_string(&again).map_err(|e| AppError::Internal(e.to_string()))?;
        load_history(db, &Whose::Listed(&listed), over.reading_again()).await?;
    }
    if !over.changed() {
        return Ok(Caught::Unchanged);
    }
    let facts = over.finish();
    tracing::debug!(elapsed = ?t.elapsed(), again = again.len(), "standings: caught up");
    Ok(Caught::Up(Box::new(facts)))
}

/// The people of these schools whose history must be read again between two log ids,
/// or `None` if the facts must load afresh: a school of theirs changed as a whole, or
/// the log no longer reaches back. These rows are few and have their own index.
async fn read_again(
    db: &Db,
    schools: &[String],
    since: i64,
    until: i64,
) -> AppResult<Option<HashSet<String>>> {
    if until - since > LOG_KEPT || pruned_after(db, since).await? {
        return Ok(None);
    }
    let sql = format!(
        "SELECT COALESCE(person_id, '') FROM standing_log WHERE id > CAST($1 AS BIGINT) \
         AND id <= CAST($2 AS BIGINT) AND kind IS NULL AND school_id IN ({})",
        marks(3, schools.len())
    );
    let (mut again, mut whole) = (HashSet::new(), false);
    each_row(db, &sql, &between(since, until, schools), |r| {
        match r.text(0)? {
            // No person: the school changed as a whole.
            "" => whole = true,
            person => {
                again.insert(person.to_string());
            }
        }
        Ok(())
    })
    .await?;
    Ok((!whole).then_some(again))
}

/// The binds of a query over the log between two ids at some schools.
fn between(since: i64, until: i64, schools: &[String]) -> Vec<String> {
    let mut binds = vec![since.to_string(), until.to_string()];
    binds.extend(schools.iter().cloned());
    binds
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
