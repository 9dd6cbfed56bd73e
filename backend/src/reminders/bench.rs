//! `attest bench-sweep --people N`: times the sweep over a synthetic trust of N people on SQLite.
//!
//! The trust is the benchmarks' one synthetic trust ([`crate::bench::seed_trust`]): schools of
//! about 1,000, 10 policies each, attestations of every age (so some are due soon and some
//! overdue) and a manager per school. No mail is sent: this times the sweep alone.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::bench::{seed_trust, Shape};
use crate::config::BenchSweepArgs;
use crate::db::ids::random_hex;
use crate::db::Db;
use crate::error::AppResult;
use crate::reminders::sweep::sweep;

/// Seeds a fresh SQLite database and prints the time of a first and a repeated sweep.
pub async fn bench_sweep(args: BenchSweepArgs) -> AppResult<()> {
    let dir = std::env::temp_dir().join(format!("attest-bench-{}", random_hex(4)));
    let db = Db::connect(&format!("sqlite://{}/bench.db", dir.display())).await?;
    #[allow(clippy::disallowed_methods)] // a benchmark timestamps real runs
    let now = Utc::now();
    let started = Instant::now();
    seed_trust(&db, &Shape::trust(args.people), &args.content_dir, now).await?;
    println!("seeded {} people in {:.1?}", args.people, started.elapsed());
    let result = time_sweeps(&db, now).await;
    db.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    let times = result?;
    println!(
        "first sweep: {} due, {} written in {:.3} s",
        times.due,
        times.written,
        times.first.as_secs_f64()
    );
    println!("repeat sweep: {:.3} s", times.again.as_secs_f64());
    Ok(())
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
