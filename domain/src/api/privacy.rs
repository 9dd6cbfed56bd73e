//! Personal data: the subject access export.

use serde::{Deserialize, Serialize};

/// `GET /api/me/export` and `GET /api/people/{id}/export`: everything Attest holds about a
/// person (a UK GDPR subject access request), as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonalDataExport {
    /// When the export was made (UTC, RFC 3339).
    pub exported_at: String,
    /// The person's account.
    pub person: ExportedPerson,
    /// Each table's rows about the person, as stored: `{"memberships": [...], ...}`.
    pub records: std::collections::BTreeMap<String, Vec<serde_json::Value>>,
}

/// The account part of a personal data export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedPerson {
    /// The person's id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their email address.
    pub email: String,
    /// Whether the account can sign in.
    pub active: bool,
    /// When the account was created.
    pub created_at: String,
}
