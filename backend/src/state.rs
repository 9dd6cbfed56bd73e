//! The application state every handler reads through `State`.

use std::sync::Arc;

use tokio::sync::Notify;

use crate::clock::Clock;
use crate::db::Db;
use crate::manage::parsing::ParseBudget;
use crate::reminders::ReminderSettings;
use crate::standings::StandingsCache;

/// Settings handlers need at run time.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Mark session cookies `Secure` (behind https).
    pub secure_cookies: bool,
    /// Links in mail, the from-address, escalation.
    pub reminders: ReminderSettings,
    /// Wakes the reminder sender when a handler queues mail that should go at once.
    pub mail_waker: Arc<Notify>,
    /// How many uploads are read at once.
    pub parsing: ParseBudget,
}

/// One cheap-to-clone state for the whole app.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Where "now" comes from.
    pub clock: Clock,
    /// Run-time settings.
    pub settings: Arc<Settings>,
    /// Schools' standings kept between requests (dashboards, matrix, evidence).
    pub standings: Arc<StandingsCache>,
}
