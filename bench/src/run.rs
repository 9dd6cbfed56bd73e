//! `attest-bench run`: for each database, seed, start the real server, load it, time its pages.

use std::time::Instant;

use chrono::Utc;

use attest::db::{Db, DbKind};
use attest::error::{AppError, AppResult};

use crate::config::BenchArgs;
use crate::load::{http_client, run as run_load, time_get};
use crate::report::{DatabaseFigures, PageTimes, Report, SweepFigures};
use crate::server::Server;
use crate::sweep::time_sweeps;
use crate::web::{time_to_sign_in, transfer};
use crate::{seed_trust, Fresh, Seeded, Shape};

/// Timed GETs of each page (the median is reported).
const PAGE_RUNS: usize = 7;

/// Runs every measurement, prints the table and writes the JSON.
pub async fn run(args: BenchArgs) -> AppResult<()> {
    #[allow(clippy::disallowed_methods)] // a benchmark timestamps real runs
    let now = Utc::now();
    let mut report = Report {
        started_at: attest::db::ids::time_text(now),
        cpus: std::thread::available_parallelism().map_or(1, usize::from),
        ..Report::default()
    };
    for kind in args.database.kinds() {
        let figures = measure(&args, kind, &mut report).await?;
        report.databases.push(figures);
        println!("{}", report.table());
    }
    let json =
        serde_json::to_string_pretty(&report).map_err(|e| AppError::Internal(e.to_string()))?;
    std::fs::write(&args.out, json)?;
    println!("figures written to {}", args.out.display());
    Ok(())
}

/// One database: the load trust, then the large trust.
async fn measure(
    args: &BenchArgs,
    kind: DbKind,
    report: &mut Report,
) -> AppResult<DatabaseFigures> {
    let name = if kind == DbKind::Sqlite {
        "sqlite"
    } else {
        "postgres"
    };
    let mut figures = DatabaseFigures {
        database: name.into(),
        ..DatabaseFigures::default()
    };
    let people = args.people as usize;
    let each: Vec<usize> = args
        .clients
        .iter()
        .map(|&c| args.attestations.div_ceil(c.max(1)))
        .collect();
    let shape = Shape {
        load_attempts: (0..args.clients.iter().copied().max().unwrap_or(0).min(people))
            .map(|c| {
                args.clients
                    .iter()
                    .zip(&each)
                    .filter(|(&n, _)| c < n)
                    .map(|(_, e)| e)
                    .sum()
            })
            .collect(),
        ..Shape::trust(people)
    };
    let fresh = Fresh::new(kind, &args.databases.postgres_url).await?;
    let (seeded, seed_seconds) = seed(&fresh.url, &shape, args).await?;
    eprintln!("{name}: seeded {people} people in {seed_seconds:.1} s");
    let server = Server::start(&fresh.url, args)?;
    let http = http_client()?;
    if report.first_load.is_none() {
        let mut load = transfer(&http, &server.base).await?;
        if !args.no_browser {
            load.usable_ms = Some(time_to_sign_in(&server.base, args).await?);
        }
        report.first_load = Some(load);
    }
    let mut used = vec![0usize; seeded.clients.len()];
    for (&clients, &n) in args.clients.iter().zip(&each) {
        let clients = clients.min(seeded.clients.len());
        let run = run_load(
            &http,
            &server.base,
            &seeded.clients[..clients],
            &used[..clients],
            n,
        )
        .await?;
        eprintln!(
            "{name}: {clients} clients: {:.0} attestations/s",
            run.per_second
        );
        used.iter_mut().take(clients).for_each(|u| *u += n);
        figures.load.push(run);
    }
    figures
        .pages
        .push(pages(&http, &server, &seeded, people, seed_seconds).await?);
    drop(server);
    let db = Db::connect(&fresh.url).await?;
    figures.chains_verify = attest::chain::verify_all(&db).await?.is_intact();
    db.pool.close().await;
    fresh.drop_it().await;
    if args.large > 0 {
        let people = args.large as usize;
        let fresh = Fresh::new(kind, &args.databases.postgres_url).await?;
        let (seeded, seed_seconds) = seed(&fresh.url, &Shape::trust(people), args).await?;
        eprintln!("{name}: seeded {people} people in {seed_seconds:.1} s");
        let server = Server::start(&fresh.url, args)?;
        figures
            .pages
            .push(pages(&http, &server, &seeded, people, seed_seconds).await?);
        drop(server);
        let db = Db::connect(&fresh.url).await?;
        #[allow(clippy::disallowed_methods)] // a benchmark timestamps real runs
        let times = time_sweeps(&db, Utc::now()).await?;
        figures.sweep = Some(SweepFigures {
            people,
            due: times.due,
            first_s: times.first.as_secs_f64(),
            repeat_s: times.again.as_secs_f64(),
        });
        db.pool.close().await;
        fresh.drop_it().await;
    }
    Ok(figures)
}

async fn seed(url: &str, shape: &Shape, args: &BenchArgs) -> AppResult<(Seeded, f64)> {
    let db = Db::connect(url).await?;
    let t = Instant::now();
    #[allow(clippy::disallowed_methods)] // sessions must be live by the server's real clock
    let seeded = seed_trust(&db, shape, &args.databases.content_dir, Utc::now()).await?;
    let seconds = t.elapsed().as_secs_f64();
    db.pool.close().await;
    Ok((seeded, seconds))
}

async fn pages(
    http: &reqwest::Client,
    server: &Server,
    seeded: &Seeded,
    people: usize,
    seed_seconds: f64,
) -> AppResult<PageTimes> {
    let (school, trust) = (&seeded.schools[0], &seeded.trust_id);
    let (m, tm) = (&seeded.manager_token, &seeded.trust_manager_token);
    let base = &server.base;
    Ok(PageTimes {
        people,
        seed_seconds,
        school_dashboard: time_get(
            http,
            base,
            &format!("/api/schools/{school}/dashboard"),
            m,
            PAGE_RUNS,
        )
        .await?,
        school_matrix: time_get(
            http,
            base,
            &format!("/api/schools/{school}/matrix"),
            m,
            PAGE_RUNS,
        )
        .await?,
        trust_dashboard: time_get(
            http,
            base,
            &format!("/api/trusts/{trust}/dashboard"),
            tm,
            PAGE_RUNS,
        )
        .await?,
        trust_matrix: time_get(
            http,
            base,
            &format!("/api/trusts/{trust}/matrix"),
            tm,
            PAGE_RUNS,
        )
        .await?,
        server_peak_mb: server.peak_mb(),
        server_private_peak_mb: server.private_peak_mb(),
    })
}
