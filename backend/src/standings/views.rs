//! The pages built from one cached entry's facts, kept until those facts change: typed,
//! and keyed by everything besides the facts that they depend on.

use std::collections::VecDeque;

use attest_domain::api::{Dashboard, Matrix, MatrixQuery};
use chrono::NaiveDate;

/// Views of each kind kept per entry (for different days, sorts and pages).
const MAX_EACH: usize = 16;

/// What a dashboard was built for, besides the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashboardKey {
    /// The day it is as at.
    pub today: NaiveDate,
    /// Weekly points on its compliance line.
    pub weeks: u32,
    /// Whether its bars are a trust's schools (else a school's groups).
    pub by_school: bool,
}

/// What a matrix page was built for, besides the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixKey {
    /// The day it is as at.
    pub today: NaiveDate,
    /// Its filter, sort and page.
    pub query: MatrixQuery,
}

/// The views one entry keeps.
#[derive(Debug, Default)]
pub struct Views {
    /// Dashboards, without the name they are shown under.
    pub dashboards: Kept<DashboardKey, Dashboard>,
    /// Matrix pages.
    pub matrices: Kept<MatrixKey, Matrix>,
}

/// A few views of one kind, the oldest going first when more are kept.
#[derive(Debug)]
pub struct Kept<K, V>(VecDeque<(K, V)>);

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Kept(VecDeque::new())
    }
}

impl<K: PartialEq, V: Clone> Kept<K, V> {
    /// The view built for `key`, if kept.
    pub fn get(&self, key: &K) -> Option<V> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// Keeps `view` under `key`, in place of any older one under it.
    pub fn keep(&mut self, key: K, view: V) {
        self.0.retain(|(k, _)| *k != key);
        if self.0.len() >= MAX_EACH {
            self.0.pop_front();
        }
        self.0.push_back((key, view));
    }

    /// How many are kept.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether none are.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(day: u32, weeks: u32, by_school: bool) -> DashboardKey {
        DashboardKey {
            today: NaiveDate::from_ymd_opt(2026, 9, day).unwrap(),
            weeks,
            by_school,
        }
    }

    #[test]
    fn a_view_is_found_only_under_everything_it_was_built_for() {
        let mut kept = Kept::default();
        kept.keep(key(1, 12, false), "groups");
        assert_eq!(kept.get(&key(1, 12, false)), Some("groups"));
        assert_eq!(kept.get(&key(2, 12, false)), None, "another day");
        assert_eq!(kept.get(&key(1, 4, false)), None, "other weeks");
        assert_eq!(kept.get(&key(1, 12, true)), None, "bars by school");
        kept.keep(key(1, 12, false), "again");
        assert_eq!(
            (kept.get(&key(1, 12, false)), kept.len()),
            (Some("again"), 1)
        );
    }

    #[test]
    fn the_oldest_view_goes_first_when_more_are_kept() {
        let mut kept = Kept::default();
        for day in 1..=(MAX_EACH as u32 + 1) {
            kept.keep(key(day, 12, false), day);
        }
        assert_eq!(kept.len(), MAX_EACH);
        assert_eq!(kept.get(&key(1, 12, false)), None);
        assert_eq!(kept.get(&key(2, 12, false)), Some(2));
        let matrices: Kept<MatrixKey, u32> = Kept::default();
        assert!(matrices.is_empty());
    }
}
