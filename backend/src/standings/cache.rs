//! Standings kept in memory between requests, checked against the database on every use.
//!
//! Loading a large school's [`Facts`] takes hundreds of milliseconds; a manager looking at
//! the dashboard, then the matrix, then the dashboard again should not pay that each time.
//! Every change to what the loader reads appends to the standings log in the same
//! transaction, whichever server or tool makes it (migrations 0017 and 0028), so one small
//! query (the log's last id) tells whether the facts held are still current. It is read
//! before loading, so cached facts are always at least as new as the stamp they are filed
//! under. When the log grew, the facts held catch up from it (see [`super::catch_up`]):
//! kept as they are if none of their people were logged, with the logged history applied
//! if only history changed, loaded afresh otherwise. A server also does this between
//! views ([`StandingsCache::follow`]), so that a view seldom has much to catch up.
//! Memory is bounded by a cap on memberships held; the least recently used entries go
//! first.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::catch_up::{catch_up, log_end, Caught};
use super::views::Views;
use super::{load, Facts, Scope};
use crate::db::Db;
use crate::error::AppResult;
use crate::on_db;

/// Memberships held by default: a trust of 100,000 staff with its managers' and schools'
/// own entries, or many smaller schools. Facts take about 350 bytes a membership, so
/// some 50 MB at the cap (at 100,000, a trust with its managers was just over it and
/// was loaded afresh, for two seconds, on every view).
pub const DEFAULT_CAP: usize = 150_000;

/// Cached standings of whole schools (dashboards, matrix, evidence), shared by all requests.
#[derive(Debug)]
pub struct StandingsCache {
    cap: usize,
    inner: Mutex<Inner>,
    /// Times facts held were caught up rather than loaded again.
    caught_up: AtomicU64,
}

impl Default for StandingsCache {
    fn default() -> Self {
        StandingsCache::new(DEFAULT_CAP)
    }
}

#[derive(Debug, Default)]
struct Inner {
    entries: HashMap<Key, Entry>,
    /// Memberships held across all entries.
    held: usize,
    /// Use counter for least-recently-used eviction.
    tick: u64,
    /// One load at a time per key: requests arriving meanwhile wait and share its result.
    loading: HashMap<Key, Arc<tokio::sync::Mutex<()>>>,
}

/// What an entry holds: the schools (sorted) and whether leavers are included.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    schools: Vec<String>,
    leavers: bool,
}

#[derive(Debug)]
struct Entry {
    standings: Arc<Standings>,
    /// The standings log's last id, read before the facts were loaded.
    stamp: i64,
    used: u64,
}

/// Facts, and the views built from them.
pub struct Standings {
    facts: Facts,
    /// Memberships held, what the cap counts.
    size: usize,
    views: Mutex<Views>,
}

impl std::fmt::Debug for Standings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Standings")
            .field("members", &self.facts.members.len())
            .finish_non_exhaustive()
    }
}

/// Locks a mutex, carrying on past a panic elsewhere (the data is a cache; at worst a miss).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Standings {
    /// Standings of facts loaded (or caught up) just now.
    pub fn loaded(facts: Facts) -> Standings {
        let size = facts.members.len().max(1);
        Standings::sized(facts, size)
    }

    fn sized(facts: Facts, size: usize) -> Standings {
        Standings {
            facts,
            size,
            views: Mutex::default(),
        }
    }

    /// The facts.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// The views built from these facts so far, to look up or add to.
    pub fn views(&self) -> MutexGuard<'_, Views> {
        lock(&self.views)
    }
}

impl StandingsCache {
    /// A cache holding at most `cap` memberships (0 turns caching off).
    pub fn new(cap: usize) -> StandingsCache {
        StandingsCache {
            cap,
            inner: Mutex::new(Inner::default()),
            caught_up: AtomicU64::new(0),
        }
    }

    /// The standings of every member of `schools` (with leavers, for evidence as at a past day),
    /// current as of this call: from memory when nothing changed since they were loaded.
    pub async fn schools(
        &self,
        db: &Db,
        schools: &[String],
        include_leavers: bool,
    ) -> AppResult<Arc<Standings>> {
        let scope = Scope::Schools(schools);
        if self.cap == 0 {
            let facts = load(db, &scope, include_leavers).await?;
            return Ok(Arc::new(Standings::loaded(facts)));
        }
        let mut sorted = schools.to_vec();
        sorted.sort();
        sorted.dedup();
        let key = Key {
            schools: sorted,
            leavers: include_leavers,
        };
        self.current(db, &key, &scope).await
    }

    /// Catches every entry held up with the standings log, so that the next view of each
    /// finds it current, or nearly, instead of catching up itself; returns how many were
    /// behind. The same catching up a view does, done between views.
    pub async fn follow(&self, db: &Db) -> AppResult<usize> {
        let stamp = log_end(db).await?;
        let behind: Vec<(Key, u64)> = lock(&self.inner)
            .entries
            .iter()
            .filter(|(_, e)| e.stamp < stamp)
            .map(|(key, e)| (key.clone(), e.used))
            .collect();
        for (key, used) in &behind {
            // Gone since (evicted): loading it again is for a view to ask.
            if !lock(&self.inner).entries.contains_key(key) {
                continue;
            }
            self.current(db, key, &Scope::Schools(&key.schools)).await?;
            // Following is not a use: what nobody views still goes first.
            if let Some(entry) = lock(&self.inner).entries.get_mut(key) {
                entry.used = *used;
            }
        }
        Ok(behind.len())
    }

    /// The entry for `key`, current as of this call.
    async fn current(&self, db: &Db, key: &Key, scope: &Scope<'_>) -> AppResult<Arc<Standings>> {
        let stamp = log_end(db).await?;
        if let Some(hit) = self.lookup(key, stamp) {
            return Ok(hit);
        }
        let gate = lock(&self.inner)
            .loading
            .entry(key.clone())
            .or_default()
            .clone();
        let _turn = gate.lock().await;
        // Whoever held the gate may just have loaded them.
        if let Some(hit) = self.lookup(key, stamp) {
            return Ok(hit);
        }
        let refreshed = self
            .refresh(db, key, scope, stamp)
            .await
            .inspect(|standings| self.store(key.clone(), standings.clone(), stamp));
        lock(&self.inner).loading.remove(key);
        refreshed
    }

    /// Standings current at log id `stamp`: those held, if none of their people were
    /// logged since; caught up, if only their people's history was; else loaded afresh.
    async fn refresh(
        &self,
        db: &Db,
        key: &Key,
        scope: &Scope<'_>,
        stamp: i64,
    ) -> AppResult<Arc<Standings>> {
        let held = lock(&self.inner)
            .entries
            .get(key)
            .filter(|e| e.stamp < stamp)
            .map(|e| (e.standings.clone(), e.stamp));
        if let Some((held, since)) = held {
            match catch_up(db, &held.facts, &key.schools, since, stamp).await? {
                Caught::Unchanged => return Ok(held),
                Caught::Up(facts) => {
                    self.caught_up.fetch_add(1, Ordering::Relaxed);
                    return Ok(Arc::new(Standings::loaded(*facts)));
                }
                Caught::Reload => {}
            }
        }
        Ok(Arc::new(Standings::loaded(
            load(db, scope, key.leavers).await?,
        )))
    }

    fn lookup(&self, key: &Key, stamp: i64) -> Option<Arc<Standings>> {
        let mut inner = lock(&self.inner);
        inner.tick += 1;
        let tick = inner.tick;
        let entry = inner.entries.get_mut(key)?;
        // Equal, not merely newer: a log that went back (a database restored under a
        // running server) must not match facts loaded before.
        if entry.stamp != stamp {
            return None;
        }
        entry.used = tick;
        Some(entry.standings.clone())
    }

    fn store(&self, key: Key, standings: Arc<Standings>, stamp: i64) {
        let size = standings.size;
        if size > self.cap {
            return;
        }
        // Facts from a slower concurrent load may replace newer ones: the next view then sees
        // their stamp is behind and refreshes them. Never stale, at worst one load too many.
        let mut inner = lock(&self.inner);
        inner.tick += 1;
        let used = inner.tick;
        let entry = Entry {
            standings,
            stamp,
            used,
        };
        if let Some(old) = inner.entries.insert(key, entry) {
            inner.held -= old.standings.size;
        }
        inner.held += size;
        while inner.held > self.cap {
            let Some(oldest) = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(gone) = inner.entries.remove(&oldest) {
                inner.held -= gone.standings.size;
            }
        }
    }

    /// Loads each trust's standings (all its schools, as its dashboard reads them), so that
    /// its first view catches up rather than loads; returns how many trusts there are.
    /// Schools alone are small enough to load when first viewed.
    pub async fn warm_trusts(&self, db: &Db) -> AppResult<usize> {
        let rows: Vec<(String, String)> = on_db!(db, |e| sqlx::query_as(
            "SELECT trust_id, id FROM schools WHERE trust_id IS NOT NULL ORDER BY trust_id",
        )
        .fetch_all(e)
        .await)?;
        let mut trusts = 0;
        for group in rows.chunk_by(|a, b| a.0 == b.0) {
            let schools: Vec<String> = group.iter().map(|(_, school)| school.clone()).collect();
            self.schools(db, &schools, false).await?;
            trusts += 1;
        }
        Ok(trusts)
    }

    /// How many times facts held were caught up with logged changes rather than loaded again.
    pub fn caught_up(&self) -> u64 {
        self.caught_up.load(Ordering::Relaxed)
    }

    /// Memberships held now.
    pub fn held(&self) -> usize {
        lock(&self.inner).held
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(school: &str) -> Key {
        Key {
            schools: vec![school.into()],
            leavers: false,
        }
    }

    fn put(cache: &StandingsCache, school: &str, members: usize, stamp: i64) {
        let standings = Arc::new(Standings::sized(Facts::default(), members));
        cache.store(key(school), standings, stamp);
    }

    fn has(cache: &StandingsCache, school: &str, stamp: i64) -> bool {
        cache.lookup(&key(school), stamp).is_some()
    }

    #[test]
    fn a_hit_needs_the_very_log_id_the_facts_were_loaded_at() {
        let cache = StandingsCache::new(100);
        put(&cache, "a", 10, 5);
        assert!(has(&cache, "a", 5));
        assert!(
            !has(&cache, "a", 6),
            "a longer log is a miss (to be caught up)"
        );
        assert!(
            !has(&cache, "a", 4),
            "a log gone back (a restore) is a miss"
        );
        assert!(!has(&cache, "b", 5));
    }

    #[test]
    fn a_reload_replaces_the_entry() {
        let cache = StandingsCache::new(100);
        put(&cache, "a", 10, 7);
        put(&cache, "a", 30, 8);
        assert!(has(&cache, "a", 8));
        assert!(!has(&cache, "a", 7));
        assert_eq!(cache.held(), 30, "the replaced entry no longer counts");
    }

    #[test]
    fn the_least_recently_used_go_first_when_over_the_cap() {
        let cache = StandingsCache::new(100);
        put(&cache, "a", 40, 1);
        put(&cache, "b", 40, 1);
        assert!(has(&cache, "a", 1)); // a is now more recent than b
        put(&cache, "c", 40, 1);
        assert!(has(&cache, "a", 1));
        assert!(!has(&cache, "b", 1), "b was least recently used");
        assert!(has(&cache, "c", 1));
        assert_eq!(cache.held(), 80);
    }

    #[test]
    fn an_entry_bigger_than_the_cap_is_not_kept() {
        let cache = StandingsCache::new(100);
        put(&cache, "a", 50, 1);
        put(&cache, "huge", 101, 1);
        assert!(!has(&cache, "huge", 1));
        assert!(has(&cache, "a", 1), "nothing was evicted for it");
        assert_eq!(cache.held(), 50);
        let off = StandingsCache::new(0);
        put(&off, "a", 1, 1);
        assert!(!has(&off, "a", 1));
    }
}
