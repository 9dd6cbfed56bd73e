//! A school's or trust's directory sign-in settings, and where the browser goes to use it.

use attest_domain::api::DirectorySettings;

use super::manage::Level;
use super::requests::{self, ApiFailure};

/// A place's directory settings.
pub async fn settings(level: Level, id: &str) -> Result<DirectorySettings, ApiFailure> {
    requests::get(&format!("/api/{}/{id}/directory", level.segment())).await
}

/// Saves a place's directory settings.
pub async fn save(
    level: Level,
    id: &str,
    settings: &DirectorySettings,
) -> Result<DirectorySettings, ApiFailure> {
    requests::put(
        &format!("/api/{}/{id}/directory", level.segment()),
        settings,
    )
    .await
}

/// Where the browser goes to sign in through the directory that speaks for `email`.
pub fn start_url(email: &str) -> String {
    let email: String = js_sys::encode_uri_component(email.trim()).into();
    format!("/api/directory/start?email={email}")
}
