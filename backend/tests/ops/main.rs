//! Operations tests through the real `attest` binary: crash safety, backup and restore.
#![allow(clippy::unwrap_used)] // test support code: a failed unwrap is a failed test

mod backup;
mod crash;
mod driver;
mod process;
