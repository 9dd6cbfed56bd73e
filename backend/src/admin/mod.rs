//! Administration: trusts and schools, and who manages them, without the demo seed.
//!
//! The same functions serve `attest admin …` (scripted set-up by whoever runs the server)
//! and the first-start set-up page ([`setup`]). A **place** is where a role is held: a
//! school (school manager, or administrator of a school that belongs to no trust) or a trust
//! (trust manager, administrator).

pub mod cli;
mod organise;
mod roles;
pub mod setup;

pub use organise::{
    checked_name, close_school, create_school, create_trust, rename_school, rename_trust,
};
pub use roles::{grant, revoke, Role};
