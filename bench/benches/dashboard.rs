//! Dashboard and matrix response times at 10,000 people × 10 policies, and memory at scale.
//!
//! `cargo bench -p attest-bench --bench dashboard` seeds a temporary SQLite database with
//! one school of 10,000 people, 10 policies assigned to all of them and a realistic spread of
//! attempts and attestations, then times what the handlers do: load the facts in bulk and
//! build the dashboard (12 weekly points) or one matrix page. Target: under 50 ms each.
//!
//! Its knobs follow `--` (`cargo bench -p attest-bench --bench dashboard -- --help`): the
//! trust's people and schools (with more than one school the trust-wide dashboard, matrix
//! and the sweep's everyone-load are timed too), a database to use instead of a temporary
//! SQLite file, and the runs per figure.
//!
//! "Cold" is a first view (or the first after a change); "warm" a repeat view through the
//! standings cache, which only checks the school's revision.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a failed unwrap is a failed run

use std::time::{Duration, Instant};

use attest::db::Db;
use attest::manage::dashboard::{build, BarsBy};
use attest::manage::{matrix, views};
use attest::on_db;
use attest::standings::{load, Scope, StandingsCache};
use attest_bench::{seed_trust, Shape};
use attest_domain::api::{MatrixQuery, Status};
use chrono::{TimeZone, Utc};
use clap::Parser;

/// The dashboard bench's knobs.
#[derive(Debug, Parser)]
struct Knobs {
    /// People in the trust.
    #[arg(long, default_value_t = 10_000)]
    people: usize,
    /// Schools they are spread over.
    #[arg(long, default_value_t = 1)]
    schools: usize,
    /// A database to use instead of a temporary SQLite file (`sqlite:///tmp/big.db`, a
    /// PostgreSQL URL); seeded only if it has no schools yet, so that a second run
    /// measures the process's peak memory without the seeding in it.
    #[arg(long)]
    url: Option<String>,
    /// Runs per figure (the median is printed).
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u16).range(1..))]
    runs: u16,
    /// Passed by `cargo bench`.
    #[arg(long, hide = true)]
    bench: bool,
}

/// The school ids, seeding the database first if it has none.
async fn seed(db: &Db, people: usize, schools: usize) -> Vec<String> {
    let existing: Vec<(String,)> =
        on_db!(db, |e| sqlx::query_as("SELECT id FROM schools ORDER BY id")
            .fetch_all(e)
            .await)
        .unwrap();
    if !existing.is_empty() {
        println!("reusing the seeded database ({} schools)", existing.len());
        return existing.into_iter().map(|(id,)| id).collect();
    }
    let now = Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap();
    let shape = Shape {
        schools,
        ..Shape::trust(people)
    };
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let started = Instant::now();
    let seeded = seed_trust(db, &shape, &content, now).await.unwrap();
    println!(
        "seeded {people} people in {schools} school(s) × {} policies: {} attestations ({:.0} s)",
        shape.policies,
        seeded.attestations,
        started.elapsed().as_secs_f64()
    );
    seeded.schools
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

async fn time<F, Fut>(label: &str, runs: usize, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut times = Vec::new();
    for _ in 0..runs {
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
        "{label:<44} median {:>8.1} ms  (min {:>7.1} ms)  {verdict}",
        m.as_secs_f64() * 1e3,
        times.iter().min().unwrap().as_secs_f64() * 1e3
    );
}

/// A line of this process's `/proc/self/status` (e.g. `VmHWM`), in MB.
fn status_mb(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

#[tokio::main]
async fn main() {
    let knobs = Knobs::parse();
    // The loader's own timings, with `RUST_LOG=attest::standings=debug`.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let (people, schools, runs) = (knobs.people, knobs.schools, usize::from(knobs.runs));
    let dir = tempfile::tempdir().unwrap();
    let url = knobs
        .url
        .unwrap_or_else(|| format!("sqlite://{}/bench.db", dir.path().display()));
    let db = Db::connect(&url).await.unwrap();
    let ids = seed(&db, people, schools).await;
    println!(
        "before the pages: VmRSS {:.0} MB, VmHWM {:.0} MB",
        status_mb("VmRSS:"),
        status_mb("VmHWM:")
    );
    let first = [ids[0].clone()];
    let today = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    time("load facts (one school)", runs, || async {
        load(&db, &Scope::Schools(&first), false).await.unwrap();
    })
    .await;
    time("dashboard (load + build, 12 weeks)", runs, || async {
        let facts = load(&db, &Scope::Schools(&first), false).await.unwrap();
        let d = build(&facts, "Big".into(), today, 12, BarsBy::Group);
        assert!(d.people > 0);
    })
    .await;
    time("matrix page 1 (load + sort by name)", runs, || async {
        let facts = load(&db, &Scope::Schools(&first), false).await.unwrap();
        let m = matrix::page(&facts, today, &MatrixQuery::default()).unwrap();
        assert_eq!(m.rows.len(), 50);
    })
    .await;
    time("matrix overdue, sorted by status", runs, || async {
        let facts = load(&db, &Scope::Schools(&first), false).await.unwrap();
        let query = MatrixQuery {
            status: Some(Status::Overdue),
            sort: Some("status".into()),
            ..MatrixQuery::default()
        };
        matrix::page(&facts, today, &query).unwrap();
    })
    .await;
    if ids.len() > 1 {
        time("load facts (everyone, for the sweep)", runs, || async {
            load(&db, &Scope::Everyone, false).await.unwrap();
        })
        .await;
        time("load facts (the trust's schools)", runs, || async {
            load(&db, &Scope::Schools(&ids), false).await.unwrap();
        })
        .await;
        time("trust dashboard (load + build)", runs, || async {
            let facts = load(&db, &Scope::Schools(&ids), false).await.unwrap();
            let d = build(&facts, "Trust".into(), today, 12, BarsBy::School);
            assert!(d.people > 0);
        })
        .await;
        let facts = load(&db, &Scope::Schools(&ids), false).await.unwrap();
        time(
            "trust dashboard (build alone, facts held)",
            runs,
            || async {
                let d = build(&facts, "Trust".into(), today, 12, BarsBy::School);
                assert!(d.people > 0);
            },
        )
        .await;
        drop(facts);
        time(
            "trust matrix page 1 (load + sort by name)",
            runs,
            || async {
                let facts = load(&db, &Scope::Schools(&ids), false).await.unwrap();
                let m = matrix::page(&facts, today, &MatrixQuery::default()).unwrap();
                assert_eq!(m.rows.len(), 50);
            },
        )
        .await;
    }
    warm(&db, &first, runs, today).await;
    println!(
        "after the pages: VmRSS {:.0} MB, peak VmHWM {:.0} MB",
        status_mb("VmRSS:"),
        status_mb("VmHWM:")
    );
}

/// Repeat views through the standings cache, as the handlers serve them.
async fn warm(db: &Db, ids: &[String], runs: usize, today: chrono::NaiveDate) {
    let owned = StandingsCache::default();
    let cache = &owned;
    let dashboard = || async {
        let d = views::dashboard(db, cache, ids, "Big".into(), today, 12, BarsBy::Group)
            .await
            .unwrap();
        assert!(d.people > 0);
    };
    dashboard().await;
    time("warm: facts (revision check only)", runs, || async {
        cache.schools(db, ids, false).await.unwrap();
    })
    .await;
    time("warm: dashboard", runs, dashboard).await;
    let first = MatrixQuery::default();
    views::matrix_page(db, cache, ids, today, &first)
        .await
        .unwrap();
    time("warm: matrix page 1", runs, || async {
        let m = views::matrix_page(db, cache, ids, today, &first)
            .await
            .unwrap();
        assert_eq!(m.rows.len(), 50);
    })
    .await;
    let mut page = 1;
    time("warm facts, new page each time", runs, || {
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
