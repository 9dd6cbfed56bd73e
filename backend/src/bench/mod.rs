//! Benchmarks: the one synthetic-trust seeder, and (feature `bench`) `attest bench` itself.
//!
//! `attest bench` seeds a synthetic trust into a fresh SQLite file and/or PostgreSQL
//! database, starts the real `attest serve` on it, and measures quiz-submit + attest
//! load, the managers' pages, the reminder sweep, the app's first load and the server's
//! peak memory; see docs/deploy.md.

mod fresh;
mod people;
pub mod seed;

#[cfg(feature = "bench")]
mod load;
#[cfg(feature = "bench")]
mod report;
#[cfg(feature = "bench")]
mod run;
#[cfg(feature = "bench")]
mod server;
#[cfg(feature = "bench")]
mod web;

pub use fresh::Fresh;
pub use people::{LoadAttempt, LoadClient};
pub use seed::{seed_trust, Seeded, Shape, PASSWORD};

/// `attest bench`: every measurement, as a table on stdout and JSON in `--out`.
#[cfg(feature = "bench")]
pub async fn run(args: crate::config::BenchArgs) -> crate::error::AppResult<()> {
    run::run(args).await
}

/// `attest bench` needs the HTTP and browser clients of the `bench` feature.
#[cfg(not(feature = "bench"))]
pub async fn run(_args: crate::config::BenchArgs) -> crate::error::AppResult<()> {
    Err(crate::error::AppError::Internal(
        "this build has no benchmark: run `cargo run --release --features bench -- bench`".into(),
    ))
}
