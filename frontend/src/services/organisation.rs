//! Schools and trusts: one function per endpoint.

use attest_domain::api::{NamedRef, Naming, NewSchool, SchoolClosed, TimeZoneSetting};

use super::requests::{self, ApiFailure};

/// Makes a school in a trust (or, for an administrator, on its own).
pub async fn create_school(school: &NewSchool) -> Result<NamedRef, ApiFailure> {
    requests::post("/api/schools", school).await
}

/// Makes a trust (administrators).
pub async fn create_trust(name: &str) -> Result<NamedRef, ApiFailure> {
    let body = Naming { name: name.into() };
    requests::post("/api/trusts", &body).await
}

/// Renames a school.
pub async fn rename_school(id: &str, name: &str) -> Result<NamedRef, ApiFailure> {
    let body = Naming { name: name.into() };
    requests::put(&format!("/api/schools/{id}"), &body).await
}

/// Renames a trust.
pub async fn rename_trust(id: &str, name: &str) -> Result<NamedRef, ApiFailure> {
    let body = Naming { name: name.into() };
    requests::put(&format!("/api/trusts/{id}"), &body).await
}

/// Closes a school.
pub async fn close_school(id: &str) -> Result<SchoolClosed, ApiFailure> {
    requests::post(&format!("/api/schools/{id}/close"), &()).await
}

/// Sets the time zone a school's times are shown in.
pub async fn set_time_zone(id: &str, time_zone: &str) -> Result<TimeZoneSetting, ApiFailure> {
    let body = TimeZoneSetting {
        time_zone: time_zone.into(),
    };
    requests::put(&format!("/api/schools/{id}/time-zone"), &body).await
}
