//! End-to-end tests: the real `attest serve` binary, driven in real headless Chromium.
#![allow(clippy::unwrap_used)] // test support code: a failed unwrap is a failed test

mod accessibility;
mod ask;
mod axe;
mod browser;
mod controls;
mod directory;
mod exemptions;
mod first_start;
mod import_answers;
mod import_large;
mod journey;
mod lessons;
mod manage;
mod manage_pages;
mod manage_views;
#[path = "../../backend/tests/api/oidc_provider.rs"]
mod oidc_provider;
mod organisation;
mod page_checks;
#[path = "../../backend/tests/api/pdf_text.rs"]
mod pdf_text;
mod reading;
mod reminders;
mod review;
mod roles;
mod screen_reader;
mod screens;
mod server;
mod sign_in;
#[path = "../../backend/tests/api/smtp.rs"]
mod smtp;
mod steps;
mod store;
mod two_factor;
