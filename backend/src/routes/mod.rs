//! HTTP handlers grouped by resource; each is thin and calls plain functions.

pub mod attempts;
pub mod attestations;
pub mod directory;
pub mod health;
pub mod invitations;
pub mod links;
pub mod manage;
pub mod me;
pub mod modules;
pub mod originals;
pub mod privacy;
pub mod reminders;
pub mod session;
pub mod setup;
pub mod two_factor;
