//! Benchmarks: the one synthetic-trust seeder, and (feature `bench`) `attest bench` itself.

mod people;
pub mod rows;
pub mod seed;

pub use people::{LoadAttempt, LoadClient};
pub use seed::{seed_trust, Seeded, Shape, PASSWORD};
