//! Integration tests for the clause engine: one binary, one module per concern.

mod bad_input;
mod dates;
mod duties;
mod duties_more;
#[cfg(feature = "formats")]
mod formats;
mod furniture;
mod helpers;
mod properties;
mod samples;
