//! The managers' area: access, dashboards, matrix, people, policies, comparison, evidence, insight, uploads.

mod access;
mod audit;
mod catch_up;
mod current;
mod oversight;
mod people;
mod policies;
mod reports;
pub mod support;
mod uploads;
