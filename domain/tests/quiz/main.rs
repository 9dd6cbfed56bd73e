//! Module, quiz and look-up generators run on the five sample policies: one test binary.

mod ask;
mod bank;
mod codes;
mod concerns;
mod deciders;
mod differences;
mod draws;
mod governing;
mod helpers;
mod module;
mod others;
mod plain_duties;
mod structure;
mod voices;
