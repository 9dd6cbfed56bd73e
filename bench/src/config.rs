//! The benchmark's command line: every knob typed and parsed once at start.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use attest::db::DbKind;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Attest's benchmark: seeds a synthetic trust and measures the real server.
#[derive(Debug, Parser)]
#[command(name = "attest-bench", version, about)]
pub struct Cli {
    /// What to measure.
    #[command(subcommand)]
    pub command: Command,
}

/// The measurements.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Seed a synthetic trust and measure the real server: load, dashboards, sweep, first load, memory.
    Run(BenchArgs),
    /// Time the reminder sweep over a synthetic trust of N people (no server, no mail sent).
    Sweep(SweepArgs),
}

/// Which databases to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchDatabase {
    /// A fresh SQLite file.
    Sqlite,
    /// A fresh PostgreSQL database.
    Postgres,
    /// Both, one after the other.
    Both,
}

impl BenchDatabase {
    /// The databases chosen, in the order they are measured.
    pub fn kinds(self) -> Vec<DbKind> {
        match self {
            BenchDatabase::Sqlite => vec![DbKind::Sqlite],
            BenchDatabase::Postgres => vec![DbKind::Postgres],
            BenchDatabase::Both => vec![DbKind::Sqlite, DbKind::Postgres],
        }
    }
}

/// Where the throw-away databases are made (which ones is each verb's own option).
#[derive(Debug, Clone, Args)]
pub struct Databases {
    /// PostgreSQL server to create the bench database on (it is dropped afterwards).
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    pub postgres_url: String,
    /// Directory of the sample policies the synthetic trust publishes.
    #[arg(long, env = "ATTEST_CONTENT_DIR", default_value = "content")]
    pub content_dir: PathBuf,
}

/// Options of `attest-bench run`.
#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// People in the synthetic trust the load runs against (10 policies each).
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(100..=100_000))]
    pub people: u32,
    /// People in the large trust for dashboards, matrix and the sweep (0 skips it).
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u32).range(0..=100_000))]
    pub large: u32,
    /// Concurrent clients of each load run.
    #[arg(long, value_delimiter = ',', default_value = "50,200,1000")]
    pub clients: Vec<usize>,
    /// Quiz submissions + attestations per load run.
    #[arg(long, default_value_t = 8_000)]
    pub attestations: usize,
    /// Which database(s) to measure.
    #[arg(long, value_enum, default_value = "both")]
    pub database: BenchDatabase,
    /// The databases and the trust's policies.
    #[command(flatten)]
    pub databases: Databases,
    /// Where to write the figures as JSON.
    #[arg(long, default_value = "bench.json")]
    pub out: PathBuf,
    /// Directory of the built single-page app.
    #[arg(long, env = "ATTEST_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,
    /// Skip the headless-Chromium timing (no chromedriver).
    #[arg(long)]
    pub no_browser: bool,
    /// The chromedriver that drives the browser timing.
    #[arg(long, env = "CHROMEDRIVER", default_value = "chromedriver")]
    pub chromedriver: PathBuf,
    /// The Chromium binary it starts.
    #[arg(long, env = "CHROMIUM", default_value = "/usr/bin/chromium")]
    pub chromium: PathBuf,
    /// The server binary to measure (default: `attest` beside this binary).
    #[arg(long)]
    pub server: Option<PathBuf>,
    /// The server's group-commit batch limit (`attest serve --write-batch`; 1 commits each
    /// write alone, for comparison).
    #[arg(long)]
    pub write_batch: Option<NonZeroUsize>,
    /// The server's log filter (its `ATTEST_LOG`); `attest=debug` times its phases.
    #[arg(long, env = "ATTEST_BENCH_SERVER_LOG", default_value = "warn")]
    pub server_log: String,
}

/// Options of `attest-bench sweep`.
#[derive(Debug, Clone, Args)]
pub struct SweepArgs {
    /// How many synthetic people to seed.
    #[arg(long, default_value_t = 100_000)]
    pub people: usize,
    /// Which database(s) to sweep.
    #[arg(long, value_enum, default_value = "sqlite")]
    pub database: BenchDatabase,
    /// The databases and the trust's policies.
    #[command(flatten)]
    pub databases: Databases,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_batch_limit_cannot_be_zero() {
        let parse = |batch: &str| {
            Cli::try_parse_from(["attest-bench", "run", "--write-batch", batch]).map(
                |cli| match cli.command {
                    Command::Run(args) => args.write_batch.map(NonZeroUsize::get),
                    Command::Sweep(_) => None,
                },
            )
        };
        assert_eq!(parse("1").ok().flatten(), Some(1));
        assert!(parse("0").is_err());
    }
}
