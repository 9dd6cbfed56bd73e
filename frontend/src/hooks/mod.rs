//! Shared state hooks.

pub mod fetch;
pub mod field;
pub mod page;
pub mod select;
pub mod session;
