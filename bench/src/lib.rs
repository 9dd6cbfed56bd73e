//! Attest's benchmark, apart from the server it measures: the one synthetic-trust seeder,
//! `attest-bench run` and `attest-bench sweep`.
//!
//! `attest-bench run` seeds a synthetic trust into a fresh SQLite file and/or PostgreSQL
//! database, starts the real `attest serve` on it, and measures quiz-submit + attest
//! load, the managers' pages, the reminder sweep, the app's first load and the server's
//! peak memory; see docs/deploy.md.

pub mod config;
mod fresh;
mod load;
mod people;
mod report;
mod run;
pub mod seed;
mod server;
pub mod sweep;
mod web;

pub use fresh::Fresh;
pub use people::{LoadAttempt, LoadClient};
pub use run::run;
pub use seed::{seed_trust, Seeded, Shape, PASSWORD};
