//! Granting and revoking the managing roles from the app.

use serde::{Deserialize, Serialize};

use super::Role;

/// `POST /api/roles` and `POST /api/roles/revoke`: a managing role at a school or a trust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleChange {
    /// The person's email address.
    pub email: String,
    /// Their name, when they are new to Attest (granting only).
    #[serde(default)]
    pub name: Option<String>,
    /// School manager, trust manager or administrator.
    pub role: Role,
    /// Where: the school (a school manager; an administrator of a school on its own).
    #[serde(default)]
    pub school_id: Option<String>,
    /// Where: the trust (a trust manager; an administrator of a trust).
    #[serde(default)]
    pub trust_id: Option<String>,
}

/// `POST /api/roles`: the role is held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleGranted {
    /// The person's id.
    pub person_id: String,
    /// How they will sign in, in words ("We've emailed them a link to choose a password").
    pub message: String,
}
