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
    /// Mark session cookies `Secure` and send `Strict-Transport-Security` (behind https).
    pub secure_cookies: bool,
    /// Reverse proxies whose `Forwarded`/`X-Forwarded-For` name the client (see `client`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Links in mail, the from-address, escalation.
    pub reminders: ReminderSettings,
    /// Wakes the reminder sender when a handler queues mail that should go at once.
    pub mail_waker: Arc<Notify>,
    /// Asks for a reminder sweep now (new staff imported: their welcome should not wait a day).
    pub sweep_waker: Arc<Notify>,
    /// How many uploads are read at once.
    pub parsing: ParseBudget,
    /// The first-start set-up, when the server started on an empty database without the demo.
    pub setup: Arc<crate::admin::setup::SetupGate>,
}

/// Whether the site is served over https: asked for, or the address people use says so.
/// Then cookies must never travel over plain http, and browsers are told to stay on https.
pub fn behind_https(secure_cookies: bool, public_url: &str) -> bool {
    secure_cookies
        || public_url
            .trim()
            .to_ascii_lowercase()
            .starts_with("https://")
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

#[cfg(test)]
mod tests {
    use super::behind_https;

    #[test]
    fn an_https_public_address_turns_on_secure_cookies_by_itself() {
        assert!(behind_https(false, "https://attest.example.org"));
        assert!(behind_https(false, "HTTPS://attest.example.org/"));
        assert!(!behind_https(false, "http://127.0.0.1:8080"));
        assert!(behind_https(true, "http://127.0.0.1:8080"));
    }
}
