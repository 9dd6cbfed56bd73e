//! Setting Attest up on an empty database.

use serde::{Deserialize, Serialize};

/// `POST /api/setup`: the first trust (or a school on its own), its schools and the first
/// administrator, with the one-time token the server printed when it started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetupRequest {
    /// The token printed on the server's console.
    pub token: String,
    /// The trust's name; none for a single school on its own.
    #[serde(default)]
    pub trust_name: Option<String>,
    /// The schools' names (one, without a trust).
    pub schools: Vec<String>,
    /// The first administrator's name.
    pub admin_name: String,
    /// Their email, which they sign in with.
    pub admin_email: String,
    /// Their password.
    pub admin_password: String,
}

/// `POST /api/schools`: a new school, in one of the caller's trusts or (an administrator's) on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSchool {
    /// Its name.
    pub name: String,
    /// The trust it joins (none: a school on its own).
    #[serde(default)]
    pub trust_id: Option<String>,
}

/// `POST /api/trusts`, `PUT /api/trusts/{id}` and `PUT /api/schools/{id}`: a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Naming {
    /// The name.
    pub name: String,
}

/// `POST /api/schools/{id}/close`: what closing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolClosed {
    /// Members who left the school as it closed.
    pub members_left: u64,
}

/// `PUT /api/schools/{id}/time-zone`: the time zone a school's times are shown in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeZoneSetting {
    /// An IANA time zone name, such as "Europe/London".
    pub time_zone: String,
}
