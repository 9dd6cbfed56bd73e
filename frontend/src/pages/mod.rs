//! One module per page of the app.

pub mod link;
pub mod manage;
pub mod module_reader;
pub mod not_found;
pub mod policy_text;
pub mod quiz;
pub mod receipt;
pub mod reminder_log;
pub mod reset_password;
pub mod setup;
pub mod sign_in;
pub mod training;
pub mod two_factor;
pub mod two_factor_rules;
pub mod verify;
