//! Talking to the API: one generic request function, then one function per endpoint.

pub mod audit;
pub mod auth;
pub mod clock;
pub mod directory;
pub mod links;
pub mod manage;
pub mod models;
pub mod modules;
pub mod organisation;
pub mod reminders;
pub mod requests;
pub mod review;
pub mod roles;
pub mod training;
pub mod two_factor;
