//! Talking to the API: one generic request function, then one function per endpoint.

pub mod audit;
pub mod auth;
pub mod links;
pub mod manage;
pub mod modules;
pub mod reminders;
pub mod requests;
pub mod review;
pub mod training;
