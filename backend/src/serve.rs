//! Running the server: bind, seed, serve until SIGINT or SIGTERM.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::admin::setup::{self, SetupGate};
use crate::app::router;
use crate::clock::Clock;
use crate::config::ServeArgs;
use crate::db::file_lock::FileLock;
use crate::db::{redact, sqlite_file, Db};
use crate::error::AppResult;
use crate::manage::parsing::ParseBudget;
use crate::reminders::scheduler::Scheduler;
use crate::reminders::sender::Mailer;
use crate::seed::{seed_if_empty, DemoSize};
use crate::standings::{prune_log, StandingsCache, LOG_KEPT};
use crate::state::{behind_https, AppState, Settings};

/// `attest serve`: migrate, load sample data into an empty database, then serve.
pub async fn run(args: ServeArgs) -> AppResult<()> {
    let url = args.database.url();
    tracing::info!(database = %redact(&url), "opening database");
    // Held until the server stops, so `attest restore` refuses to run under it.
    let _in_use = sqlite_file(&url)
        .map(|f| FileLock::serving(&f))
        .transpose()?;
    let db = Db::connect(&url).await?.with_write_batch(args.write_batch);
    let clock = Clock::System;
    let setup = Arc::new(SetupGate::default());
    let setup_token = if args.no_demo {
        setup::needed(&db).await?.then(|| setup.open())
    } else {
        None
    };
    let demo = if args.no_demo {
        None
    } else {
        seed_if_empty(
            &db,
            &args.content_dir,
            args.demo_password.as_deref(),
            if args.demo_staff {
                DemoSize::StaffRooms
            } else {
                DemoSize::Accounts
            },
            clock.now(),
        )
        .await?
    };
    if let Some(demo) = demo {
        let text = demo.describe();
        std::fs::create_dir_all(&args.database.data_dir)?;
        let file = args.database.data_dir.join("demo-accounts.txt");
        std::fs::write(&file, &text)?;
        println!("{text}  (saved in {})", file.display());
    } else {
        let file = args.database.data_dir.join("demo-accounts.txt");
        if file.is_file() {
            println!("Demo accounts: see {}", file.display());
        }
    }
    if !args.dist_dir.join("index.html").is_file() {
        tracing::warn!(dist = %args.dist_dir.display(), "no built app found; run `trunk build --release` first");
    }
    let listener = TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    if args.mail.public_url.is_none() && addr.ip().is_unspecified() {
        tracing::warn!(
            "links in mail will point at {addr}; set --public-url to the address people use"
        );
    }
    let reminders = args.mail.settings(&format!("http://{addr}"));
    let mailer = Mailer::from_args(&args.mail, &args.database.data_dir)?;
    tracing::info!(mail = %mailer.describe(), public_url = %reminders.public_url, "reminder mail");
    let mail_waker = Arc::new(Notify::new());
    let sweep_waker = Arc::new(Notify::new());
    let sweep_every = Some(args.remind_interval).filter(|d| !d.is_zero());
    if sweep_every.is_none() {
        tracing::info!("reminder sweep turned off (--remind-interval 0)");
    }
    tokio::spawn(
        Scheduler {
            db: db.clone(),
            clock: clock.clone(),
            mailer,
            settings: reminders.clone(),
            sweep_every,
            waker: mail_waker.clone(),
            sweep_waker: sweep_waker.clone(),
        }
        .run(),
    );
    let state = AppState {
        db,
        clock,
        settings: Arc::new(Settings {
            secure_cookies: behind_https(args.secure_cookies, &reminders.public_url),
            trusted_proxies: args.trusted_proxies.clone(),
            reminders,
            mail_waker,
            sweep_waker,
            parsing: ParseBudget::default(),
            setup,
        }),
        standings: Arc::new(StandingsCache::new(args.standings_cache)),
    };
    tokio::spawn(standings_upkeep(
        state.db.clone(),
        state.standings.clone(),
        Duration::from_millis(args.standings_follow_ms),
    ));
    if args.retention_months > 0 {
        tokio::spawn(crate::privacy::retention_upkeep(
            state.db.clone(),
            state.clock.clone(),
            args.retention_months,
        ));
    }
    // The line tests and scripts wait for: it carries the real port when 0 was asked for.
    println!("Attest is listening on http://{addr}/");
    if let Some(token) = setup_token {
        // After the fragment mark, the token never reaches a request log or a proxy.
        println!("Set up Attest at http://{addr}/setup#{token}");
    }
    axum::serve(
        listener,
        router(state, &args.dist_dir).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("stopped");
    Ok(())
}

/// How often the standings log is pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// Loads every trust's standings in the background, so that the first trust dashboard
/// after a start catches up with what changed meanwhile instead of loading them all;
/// then, every `follow` (if not zero), catches what is held up with the standings log,
/// and every hour prunes the log.
async fn standings_upkeep(db: Db, standings: Arc<StandingsCache>, follow: Duration) {
    let t = Instant::now();
    match standings.warm_trusts(&db).await {
        Ok(trusts) => {
            tracing::info!(trusts, elapsed = ?t.elapsed(), held = standings.held(), "standings warmed")
        }
        Err(error) => tracing::warn!(%error, "warming the trusts' standings failed"),
    }
    let tick = if follow.is_zero() {
        PRUNE_EVERY
    } else {
        follow
    };
    let mut pruned_at = Instant::now();
    loop {
        tokio::time::sleep(tick).await;
        if !follow.is_zero() {
            let t = Instant::now();
            match standings.follow(&db).await {
                Ok(0) => {}
                Ok(behind) => {
                    tracing::debug!(behind, elapsed = ?t.elapsed(), "standings followed the log")
                }
                Err(error) => tracing::warn!(%error, "following the standings log failed"),
            }
        }
        if pruned_at.elapsed() < PRUNE_EVERY {
            continue;
        }
        pruned_at = Instant::now();
        match prune_log(&db, LOG_KEPT).await {
            Ok(0) => {}
            Ok(pruned) => tracing::info!(pruned, "standings log pruned"),
            Err(error) => tracing::warn!(%error, "pruning the standings log failed"),
        }
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM, so in-flight requests can finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
