//! Shared state hooks.

pub mod fetch;
pub mod page;
pub mod select;
pub mod session;
