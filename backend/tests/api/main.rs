//! Server-level API tests: each runs against SQLite and against PostgreSQL.
#![allow(clippy::unwrap_used)] // test support code: a failed unwrap is a failed test

mod access;
mod access_calls;
mod access_fixture;
mod attestation;
mod chain;
mod directory;
mod group_commit;
mod helpers;
mod journey;
mod manage;
mod oidc_provider;
mod openapi;
mod organisation;
mod pdf_text;
mod privacy;
mod quiz_rules;
mod remind;
mod reminders;
mod reminders_api;
mod reminders_claims;
mod reminders_delivery;
mod reminders_links;
mod reminders_outbox;
mod reminders_several;
mod roles;
mod security;
mod session;
mod smtp;
mod standings;
mod static_files;
mod steps;
mod storage;
mod two_factor;
mod validity;
