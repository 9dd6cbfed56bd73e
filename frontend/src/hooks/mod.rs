//! Shared state hooks.

pub mod fetch;
pub mod select;
pub mod session;
