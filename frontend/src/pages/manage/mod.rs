//! The managers' area: dashboards, matrix, people, policies, comparison and evidence.

pub mod compare;
pub mod dashboard;
pub mod evidence;
pub mod home;
pub mod import;
pub mod matrix;
pub mod person;
pub mod policies;
