//! Attest server library.
