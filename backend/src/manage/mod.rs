//! The managers' area: access, dashboards, matrix, people, policies, comparison, evidence and insight.
//!
//! Handlers live in `routes::manage`; everything here is plain functions over the database
//! or, where possible, over facts already loaded.

pub mod access;
pub mod compare;
pub mod dashboard;
pub mod evidence;
pub mod evidence_pdf;
pub mod grants;
pub mod import_columns;
pub mod insight;
pub mod matrix;
pub mod members;
pub mod paper;
pub mod parsing;
pub mod pauses;
pub mod pdf;
pub mod people;
pub mod people_import;
pub mod person;
pub mod policies;
pub mod reviews;
pub mod settings;
pub mod sheet;
pub mod staff_file;
pub mod trust_evidence;
pub mod views;
