//! `attest-bench sweep --people N`: times the sweep over a synthetic trust of N people.
//!
//! The trust is the benchmarks' one synthetic trust ([`crate::seed_trust`]): schools of
//! about 1,000, 10 policies each, attestations of every age (so some are due soon and some
//! overdue) and a manager per school, in a fresh SQLite file or PostgreSQL database
//! (`--database`). No mail is sent: this times the sweep alone. `ATTEST_LOG=attest=debug`
//! shows the time of each of the sweep's phases.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use attest::db::{Db, DbKind};
use attest::error::AppResult;
use attest::reminders::sweep::sweep;

use crate::config::SweepArgs;
use crate::{seed_trust, Fresh, Shape};

/// Seeds a fresh database per chosen kind and prints the time of a first and a repeated sweep.
pub async fn bench_sweep(args: SweepArgs) -> AppResult<()> {
    for kind in args.database.kinds() {
        let fresh = Fresh::new(kind, &args.databases.postgres_url).await?;
        let result = seed_and_time(&args, &fresh.url).await;
        fresh.drop_it().await;
        let (seconds, times) = result?;
        let name = match kind {
            DbKind::Sqlite => "sqlite",
            DbKind::Postgres => "postgres",
        };
        println!("{name}: seeded {} people in {seconds:.1} s", args.people);
        println!(
            "{name}: first sweep: {} due, {} written in {:.3} s",
            times.due,
            times.written,
            times.first.as_secs_f64()
        );
        println!("{name}: repeat sweep: {:.3} s", times.again.as_secs_f64());
    }
    Ok(())
}

async fn seed_and_time(args: &SweepArgs, url: &str) -> AppResult<(f64, SweepTimes)> {
    let db = Db::connect(url).await?;
    #[allow(clippy::disallowed_methods)] // a benchmark timestamps real runs
    let now = Utc::now();
    let started = Instant::now();
    let seeded = seed_trust(
        &db,
        &Shape::trust(args.people),
        &args.databases.content_dir,
        now,
    )
    .await;
    let seconds = started.elapsed().as_secs_f64();
    let result = match seeded {
        Ok(_) => time_sweeps(&db, now).await,
        Err(e) => Err(e),
    };
    db.pool.close().await;
    Ok((seconds, result?))
}

/// How long a first sweep (writing the outbox) and a repeat (writing nothing new) took.
#[derive(Debug, Clone, Copy)]
pub struct SweepTimes {
    /// The first sweep.
    pub first: Duration,
    /// Reminders due at the first sweep.
    pub due: usize,
    /// Reminders it wrote.
    pub written: usize,
    /// The repeat sweep.
    pub again: Duration,
}

/// Times a first sweep and a repeat.
pub async fn time_sweeps(db: &Db, now: DateTime<Utc>) -> AppResult<SweepTimes> {
    let t = Instant::now();
    let first = sweep(db, now, 14, false).await?;
    let first_time = t.elapsed();
    let t = Instant::now();
    sweep(db, now, 14, false).await?;
    Ok(SweepTimes {
        first: first_time,
        due: first.due,
        written: first.written.len(),
        again: t.elapsed(),
    })
}
