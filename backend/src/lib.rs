//! Attest's server and command-line tool, as a library so tests build the very same app.

pub mod app;
pub mod attempts;
pub mod attesting;
pub mod auth;
pub mod backup;
pub mod bench;
pub mod chain;
pub mod cli;
pub mod clock;
pub mod config;
pub mod csrf;
pub mod db;
pub mod error;
pub mod headers;
pub mod learning;
pub mod manage;
pub mod outline;
pub mod people;
pub mod publish;
pub mod reminders;
pub mod routes;
pub mod seed;
pub mod serve;
pub mod standings;
pub mod state;
pub mod training;
