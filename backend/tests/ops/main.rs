//! Operations tests through the real `attest` binary: crash safety, backup and restore,
//! scale-out on PostgreSQL, and the indexes the hot queries rely on.
#![allow(clippy::unwrap_used)] // test support code: a failed unwrap is a failed test

mod backup;
mod crash;
mod demo;
mod driver;
mod indexes;
mod process;
mod retention;
mod revisions;
mod scale_out;
mod setup;
mod shared_standings;
mod upgrade;
mod welcome;
