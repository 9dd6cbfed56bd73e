//! One module per page of the app.

pub mod manage;
pub mod module_reader;
pub mod not_found;
pub mod quiz;
pub mod receipt;
pub mod sign_in;
pub mod training;
pub mod verify;
