//! Server-level API tests: each runs against SQLite and against PostgreSQL.
#![allow(clippy::unwrap_used)] // test support code: a failed unwrap is a failed test

mod helpers;
mod manage;
mod session;
mod storage;
