//! Dashboard and matrix response times at 10,000 people × 10 policies on SQLite.
//!
//! `cargo bench -p attest-backend --bench dashboard` seeds a temporary database with one
//! school of 10,000 people, 10 policies assigned to all of them and a realistic spread of
//! attempts and attestations, then times what the handlers do: load the facts in bulk and
//! build the dashboard (12 weekly points) or one matrix page. Target: under 50 ms each.
//! "Cold" is a first view (or the first after a change); "warm" a repeat view through the
//! standings cache, which only checks the school's revision.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a failed unwrap is a failed run

use std::time::{Duration, Instant};

use attest::bench::{seed_trust, Shape};
use attest::db::Db;
use attest::manage::dashboard::{build, BarsBy};
use attest::manage::{matrix, views};
use attest::standings::{load, Scope, StandingsCache};
use attest_domain::api::{MatrixQuery, Status};
use chrono::{TimeZone, Utc};

const PEOPLE: usize = 10_000;
const POLICIES: usize = 10;
const RUNS: usize = 7;

async fn seed(db: &Db) -> String {
    let now = Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap();
    let shape = Shape {
        schools: 1,
        ..Shape::trust(PEOPLE)
    };
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let seeded = seed_trust(db, &shape, &content, now).await.unwrap();
    println!(
        "seeded {PEOPLE} people × {POLICIES} policies: {} attestations",
        seeded.attestations
    );
    seeded.schools[0].clone()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

async fn time<F, Fut>(label: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        f().await;
        times.push(start.elapsed());
    }
    let m = median(times.clone());
    let verdict = if m < Duration::from_millis(50) {
        "ok"
    } else {
        "OVER 50 ms"
    };
    println!(
        "{label:<40} median {:>7.1} ms  (min {:>6.1} ms)  {verdict}",
        m.as_secs_f64() * 1e3,
        times.iter().min().unwrap().as_secs_f64() * 1e3
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/bench.db", dir.path().display()))
        .await
        .unwrap();
    let school = seed(&db).await;
    let ids = [school];
    let today = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    time("load facts (8 queries)", || async {
        load(&db, &Scope::Schools(&ids), false).await.unwrap();
    })
    .await;
    time("dashboard (load + build, 12 weeks)", || async {
        let facts = load(&db, &Scope::Schools(&ids), false).await.unwrap();
        let d = build(&facts, "Big".into(), today, 12, BarsBy::Group);
        assert_eq!(d.people as usize, PEOPLE);
    })
    .await;
    time("matrix page 1 (load + sort by name)", || async {
        let facts = load(&db, &Scope::Schools(&ids), false).await.unwrap();
        let m = matrix::page(&facts, today, &MatrixQuery::default()).unwrap();
        assert_eq!(m.rows.len(), 50);
    })
    .await;
    time("matrix overdue, sorted by status", || async {
        let facts = load(&db, &Scope::Schools(&ids), false).await.unwrap();
        let query = MatrixQuery {
            status: Some(Status::Overdue),
            sort: Some("status".into()),
            ..MatrixQuery::default()
        };
        matrix::page(&facts, today, &query).unwrap();
    })
    .await;
    warm(&db, &ids, today).await;
}

/// Repeat views through the standings cache, as the handlers serve them.
async fn warm(db: &Db, ids: &[String], today: chrono::NaiveDate) {
    let owned = StandingsCache::default();
    let cache = &owned;
    let dashboard = || async {
        let d = views::dashboard(db, cache, ids, "Big".into(), today, 12, BarsBy::Group)
            .await
            .unwrap();
        assert_eq!(d.people as usize, PEOPLE);
    };
    dashboard().await;
    time("warm: facts (revision check only)", || async {
        cache.schools(db, ids, false).await.unwrap();
    })
    .await;
    time("warm: dashboard", dashboard).await;
    let first = MatrixQuery::default();
    views::matrix_page(db, cache, ids, today, &first)
        .await
        .unwrap();
    time("warm: matrix page 1", || async {
        let m = views::matrix_page(db, cache, ids, today, &first)
            .await
            .unwrap();
        assert_eq!(m.rows.len(), 50);
    })
    .await;
    let mut page = 1;
    time("warm facts, new page each time", || {
        page += 1;
        let query = MatrixQuery {
            page: Some(page),
            ..MatrixQuery::default()
        };
        async move {
            views::matrix_page(db, cache, ids, today, &query)
                .await
                .unwrap();
        }
    })
    .await;
    println!("cache holds {} memberships", cache.held());
}
