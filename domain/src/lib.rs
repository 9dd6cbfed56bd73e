//! Attest's pure domain: text and typed values in, `Result<T, DomainError>` out.
//!
//! No IO lives here: time, randomness and files are passed in by the caller, so
//! the same code runs on the server, in the command-line tool and in the browser.

pub mod api;
pub mod ask;
pub mod clauses;
pub mod diff;
pub mod error;
#[cfg(feature = "formats")]
pub mod formats;
pub mod module;
pub mod quiz;
pub mod review;
pub mod status;

pub use clauses::{Clause, ClauseSet, Duty, Modality, PolicyMeta};
pub use error::DomainError;
