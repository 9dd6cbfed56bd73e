//! The managers' area: dashboards, matrix, people, policies, comparison, evidence and holidays.

pub mod amendments;
pub mod audit;
pub mod compare;
pub mod dashboard;
pub mod directory;
pub mod draft;
pub mod evidence;
pub mod holidays;
pub mod home;
pub mod import;
pub mod matrix;
pub mod models;
pub mod organisation;
pub mod person;
pub mod person_form;
pub mod policies;
pub mod policy_history;
pub mod policy_settings;
pub mod roles;
pub mod trust_evidence;
