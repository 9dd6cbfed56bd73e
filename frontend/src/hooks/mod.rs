//! Shared state hooks.

pub mod fetch;
pub mod session;
