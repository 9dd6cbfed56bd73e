//! The managers' area: access, dashboards, matrix, people, policies, comparison, evidence, insight, uploads.

mod access;
mod audit;
mod catch_up;
mod current;
pub mod drafts;
mod drafts_publish;
mod drafts_shape;
mod drafts_text;
mod evidence_pdf;
mod loads;
mod long_names;
mod models;
mod originals;
mod oversight;
mod paper;
mod pauses;
mod people;
mod policies;
mod reports;
mod settings;
mod staff_files;
pub mod support;
mod uploads;
mod version_settings;
