//! Standings kept in memory between requests, checked against the database on every use.
//!
//! Loading a large school's [`Facts`] takes hundreds of milliseconds; a manager looking at
//! the dashboard, then the matrix, then the dashboard again should not pay that each time.
//! Every change to what the loader reads bumps its school's revision in the same
//! transaction (migration 0009's triggers), so one small query tells whether the facts
//! held are still current — whichever server wrote the change. The revisions are read
//! before loading, so cached facts are always at least as new as the revisions they are
//! filed under, and are used only while those revisions are unchanged. Memory is bounded by a cap on memberships held; the least recently used
//! entries go first.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::{load, Facts, Scope};
use crate::db::Db;
use crate::error::AppResult;

/// Memberships held by default: a trust of 100,000 staff with its managers' and schools'
/// own entries, or many smaller schools. Facts take about 350 bytes a membership, so
/// some 50 MB at the cap (at 100,000, a trust with its managers was just over it and
/// was loaded afresh, for two seconds, on every view).
pub const DEFAULT_CAP: usize = 150_000;

/// Views kept per entry (dashboards and matrix pages for different days, sorts and pages).
const MAX_VIEWS: usize = 32;

/// Cached standings of whole schools (dashboards, matrix, evidence), shared by all requests.
#[derive(Debug)]
pub struct StandingsCache {
    cap: usize,
    inner: Mutex<Inner>,
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
    used: u64,
}

type View = Arc<dyn Any + Send + Sync>;

/// Facts loaded at known revisions of their schools, and the views built from them.
pub struct Standings {
    /// Each school's revision (in the key's order) read before the facts were loaded.
    stamp: Vec<i64>,
    facts: Facts,
    /// Memberships held, what the cap counts.
    size: usize,
    views: Mutex<HashMap<String, View>>,
}

impl std::fmt::Debug for Standings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Standings")
            .field("stamp", &self.stamp)
            .field("members", &self.facts.members.len())
            .finish_non_exhaustive()
    }
}

/// Locks a mutex, carrying on past a panic elsewhere (the data is a cache; at worst a miss).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Standings {
    fn new(stamp: Vec<i64>, facts: Facts) -> Standings {
        let size = facts.members.len().max(1);
        Standings::sized(stamp, facts, size)
    }

    fn sized(stamp: Vec<i64>, facts: Facts, size: usize) -> Standings {
        Standings {
            stamp,
            facts,
            size,
            views: Mutex::new(HashMap::new()),
        }
    }

    /// The facts.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// A view built earlier from these facts under `key` (which must name everything else it depends on).
    pub fn view<T: Clone + Send + Sync + 'static>(&self, key: &str) -> Option<T> {
        lock(&self.views)
            .get(key)
            .and_then(|v| v.downcast_ref::<T>())
            .cloned()
    }

    /// Keeps a view built from these facts for later requests.
    pub fn keep<T: Send + Sync + 'static>(&self, key: String, view: T) {
        let mut views = lock(&self.views);
        if views.len() >= MAX_VIEWS {
            views.clear();
        }
        views.insert(key, Arc::new(view));
    }
}

impl StandingsCache {
    /// A cache holding at most `cap` memberships (0 turns caching off).
    pub fn new(cap: usize) -> StandingsCache {
        StandingsCache {
            cap,
            inner: Mutex::new(Inner::default()),
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
            return Ok(Arc::new(Standings::new(Vec::new(), facts)));
        }
        let mut sorted = schools.to_vec();
        sorted.sort();
        sorted.dedup();
        let key = Key {
            schools: sorted,
            leavers: include_leavers,
        };
        let stamp = revisions(db, &key.schools).await?;
        if let Some(hit) = self.lookup(&key, &stamp) {
            return Ok(hit);
        }
        let gate = lock(&self.inner)
            .loading
            .entry(key.clone())
            .or_default()
            .clone();
        let _turn = gate.lock().await;
        // Whoever held the gate may just have loaded them.
        if let Some(hit) = self.lookup(&key, &stamp) {
            return Ok(hit);
        }
        let loaded = load(db, &scope, include_leavers).await.map(|facts| {
            let standings = Arc::new(Standings::new(stamp, facts));
            self.store(key.clone(), standings.clone());
            standings
        });
        lock(&self.inner).loading.remove(&key);
        loaded
    }

    fn lookup(&self, key: &Key, stamp: &[i64]) -> Option<Arc<Standings>> {
        let mut inner = lock(&self.inner);
        inner.tick += 1;
        let tick = inner.tick;
        let entry = inner.entries.get_mut(key)?;
        // Equal, not merely newer: counters that went back (a database restored under a
        // running server) must not match facts loaded before.
        if entry.standings.stamp != stamp {
            return None;
        }
        entry.used = tick;
        Some(entry.standings.clone())
    }

    fn store(&self, key: Key, standings: Arc<Standings>) {
        let size = standings.size;
        if size > self.cap {
            return;
        }
        // Facts from a slower concurrent load may replace newer ones: the next view then sees
        // their revision is behind and loads again. Never stale, at worst one load too many.
        let mut inner = lock(&self.inner);
        inner.tick += 1;
        let used = inner.tick;
        if let Some(old) = inner.entries.insert(key, Entry { standings, used }) {
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

    /// Memberships held now.
    pub fn held(&self) -> usize {
        lock(&self.inner).held
    }
}

/// Each school's current revision, in one query (0 for a school nothing has touched yet).
async fn revisions(db: &Db, schools: &[String]) -> AppResult<Vec<i64>> {
    if schools.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=schools.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT school_id, CAST(SUM(revision) AS BIGINT) FROM standing_revisions \
         WHERE school_id IN ({}) GROUP BY school_id",
        marks.join(", ")
    );
    let mut query = sqlx::query_as::<_, (String, i64)>(&sql);
    for s in schools {
        query = query.bind(s);
    }
    let found: HashMap<String, i64> = query.fetch_all(&db.pool).await?.into_iter().collect();
    Ok(schools
        .iter()
        .map(|s| found.get(s).copied().unwrap_or(0))
        .collect())
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

    fn put(cache: &StandingsCache, school: &str, members: usize, revision: i64) {
        let standings = Arc::new(Standings::sized(vec![revision], Facts::default(), members));
        cache.store(key(school), standings);
    }

    fn has(cache: &StandingsCache, school: &str, revision: i64) -> bool {
        cache.lookup(&key(school), &[revision]).is_some()
    }

    #[test]
    fn a_hit_needs_the_very_revision_the_facts_were_loaded_at() {
        let cache = StandingsCache::new(100);
        put(&cache, "a", 10, 5);
        assert!(has(&cache, "a", 5));
        assert!(!has(&cache, "a", 6), "a bumped revision is a miss");
        assert!(
            !has(&cache, "a", 4),
            "a revision gone back (a restore) is a miss"
        );
        assert!(!has(&cache, "b", 0));
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

    #[test]
    fn views_are_typed_and_bounded() {
        let standings = Standings::new(vec![1], Facts::default());
        standings.keep("n".into(), 42_u32);
        assert_eq!(standings.view::<u32>("n"), Some(42));
        assert_eq!(
            standings.view::<String>("n"),
            None,
            "a different type is a miss"
        );
        for i in 0..MAX_VIEWS {
            standings.keep(format!("v{i}"), i);
        }
        assert!(lock(&standings.views).len() <= MAX_VIEWS);
    }
}
