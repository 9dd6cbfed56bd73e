//! "Remind now" and a school's holiday calendar (managers only).

use attest_domain::api::{Holiday, NewHoliday, RemindNow, RemindNowResult};

use super::requests::{self, ApiFailure};

/// Reminds one person, or everyone in a group, at a school now (429 when already done today).
pub async fn remind_now(
    school_id: &str,
    request: &RemindNow,
) -> Result<RemindNowResult, ApiFailure> {
    requests::post(&format!("/api/schools/{school_id}/reminders"), request).await
}

/// A school's holiday periods.
pub async fn holidays(school_id: &str) -> Result<Vec<Holiday>, ApiFailure> {
    requests::get(&format!("/api/schools/{school_id}/holidays")).await
}

/// Adds a holiday period.
pub async fn add_holiday(school_id: &str, holiday: &NewHoliday) -> Result<Holiday, ApiFailure> {
    requests::post(&format!("/api/schools/{school_id}/holidays"), holiday).await
}

/// Removes a holiday period.
pub async fn delete_holiday(school_id: &str, holiday_id: &str) -> Result<(), ApiFailure> {
    requests::delete(&format!("/api/schools/{school_id}/holidays/{holiday_id}")).await
}
