//! Review-cycle reminders: who is due at which stage, the outbox, and the mail it sends.
//!
//! The sweep ([`sweep::sweep`]) reads the same status rule as My training and writes
//! each reminder once into the outbox: one mail per person and school, listing every
//! policy they have due when any of them reaches a stage not mailed before (a single
//! policy keeps its one-policy mail). The sender ([`sender::send_due`]) claims due rows
//! and delivers them over SMTP (or into `.eml` files) with retries.

pub mod calendar;
pub mod links;
pub mod mail;
pub mod manual;
pub mod outbox;
pub mod scheduler;
pub mod sender;
pub mod stages;
pub mod sweep;
pub mod verbs;

use chrono::Duration;

pub use stages::Stage;

/// What the sweep and the sender need besides the database and the clock.
#[derive(Debug, Clone)]
pub struct ReminderSettings {
    /// The address people open the app at, for links in mail (no trailing slash).
    pub public_url: String,
    /// The From header of every mail.
    pub mail_from: String,
    /// How long a sign-in link works.
    pub link_lifetime: Duration,
    /// Days overdue after which a person's managers get them in their digest.
    pub escalate_after_days: u32,
    /// How long a sender's claim on a reminder lasts (see [`outbox::LEASE`]).
    pub claim_lease: Duration,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            public_url: "http://127.0.0.1:8080".into(),
            mail_from: "Attest <attest@localhost>".into(),
            link_lifetime: Duration::hours(24),
            escalate_after_days: 14,
            claim_lease: outbox::LEASE,
        }
    }
}
