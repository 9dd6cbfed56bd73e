//! End-to-end tests: the real `attest serve` binary, driven in real headless Chromium.
#![allow(clippy::unwrap_used)] // test support code: a failed unwrap is a failed test

mod browser;
mod manage;
mod server;
mod sign_in;
