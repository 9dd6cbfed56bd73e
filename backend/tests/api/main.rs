//! Server-level API tests: each runs against SQLite and against PostgreSQL.
#![allow(clippy::unwrap_used)] // test support code: a failed unwrap is a failed test

mod helpers;
mod remind;
mod reminders;
mod reminders_api;
mod reminders_delivery;
mod reminders_links;
mod session;
mod smtp;
mod storage;
