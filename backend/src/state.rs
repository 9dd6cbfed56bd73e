//! The application state every handler reads through `State`.

use std::sync::Arc;

use crate::clock::Clock;
use crate::db::Db;

/// Settings handlers need at run time.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Mark session cookies `Secure` (behind https).
    pub secure_cookies: bool,
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
}
