//! The clause engine: a policy document becomes a [`ClauseSet`].

mod model;

pub use model::{Audience, Clause, ClauseSet, Duty, Modality, PolicyMeta};
