//! The clock, passed in rather than read, so due dates and expiry are testable.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

/// Where "now" comes from: the system, or a hand-set time in tests.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// A fixed time that a test can move.
    Fixed(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    /// A clock fixed at `t`.
    pub fn fixed(t: DateTime<Utc>) -> Clock {
        Clock::Fixed(Arc::new(Mutex::new(t)))
    }

    /// The current time.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            #[allow(clippy::disallowed_methods)]
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// Moves a fixed clock forward (no effect on the system clock).
    pub fn advance(&self, by: Duration) {
        if let Clock::Fixed(t) = self {
            let mut t = t.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            *t += by;
        }
    }
}
