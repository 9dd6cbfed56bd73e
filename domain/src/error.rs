//! The domain crate's one error type.

use thiserror::Error;

/// Everything the domain can refuse, each with a message fit to show a user.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DomainError {
    /// The input holds no policy text at all.
    #[error("the document is empty")]
    Empty,
    /// The input is not a document the engine can read (binary, wrong container, encrypted …).
    #[error("unreadable document: {0}")]
    Unreadable(String),
    /// The input is larger than the engine accepts.
    #[error("the document is too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge { size: usize, limit: usize },
    /// A value given to the domain breaks one of its rules.
    #[error("invalid input: {0}")]
    Invalid(String),
}
