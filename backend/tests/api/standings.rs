//! The standings loader on a real database: everyone's history, read in parts at once,
//! gives every person the standings their own load gives.

use std::collections::{BTreeMap, BTreeSet};

use attest::db::Db;
use attest::seed::{seed_if_empty, DemoSize};
use attest::standings::{load, Facts, Scope};
use chrono::NaiveDate;

use crate::helpers::{database_url, workspace_dir, TestApp};
use crate::on_both_databases;

/// Each cell as (person, school, policy) → what the status rule said and the history it
/// was judged from (lessons read are left out: a person's own load keeps those of
/// attested modules, for My training).
fn cells(facts: &Facts, day: NaiveDate) -> BTreeMap<(String, String, String), String> {
    facts
        .cells(day)
        .map(|c| {
            let m = facts.member(c.member);
            let key = (
                m.person_id.to_string(),
                m.school_id.to_string(),
                facts.policies[c.policy].id.clone(),
            );
            let (started, passed) = (c.work.started_on, c.work.passed_on);
            (
                key,
                format!(
                    "{:?} held {:?} started {started:?} passed {passed:?}",
                    c.view, c.held
                ),
            )
        })
        .collect()
}

async fn everyones_history_read_in_parts_is_each_persons(app: TestApp) {
    // A database of its own with the staff rooms' year of history.
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(app.backend, &dir).await.unwrap();
    let db = Db::connect(&url).await.unwrap();
    let now = app.clock.now();
    let content = workspace_dir().join("content");
    seed_if_empty(&db, &content, None, DemoSize::StaffRooms, now)
        .await
        .unwrap()
        .expect("an empty database is seeded");
    let day = now.date_naive();
    let everyone = load(&db, &Scope::Everyone, true).await.unwrap();
    let ids: BTreeSet<String> = everyone
        .members()
        .map(|m| m.person_id.to_string())
        .collect();
    assert!(ids.len() > 10, "{} people", ids.len());
    let mut each = BTreeMap::new();
    for id in &ids {
        let own = load(&db, &Scope::Person(id), true).await.unwrap();
        each.extend(cells(&own, day));
    }
    let all = cells(&everyone, day);
    assert_eq!(all.len(), each.len());
    for (key, cell) in &all {
        assert_eq!(Some(cell), each.get(key), "{key:?}");
    }
    let held = all.values().filter(|c| c.contains("held Some")).count();
    let tried = all.values().filter(|c| c.contains("started Some")).count();
    assert!(held > 10 && tried > 0, "{held} held, {tried} tried");
}
on_both_databases!(everyones_history_read_in_parts_is_each_persons);
