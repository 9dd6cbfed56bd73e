//! Signing in through a school's or trust's own directory (OpenID Connect).

use serde::{Deserialize, Serialize};

/// `GET`/`PUT /api/schools/{id}/directory` and `/api/trusts/{id}/directory`: the place's
/// directory settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectorySettings {
    /// The directory's issuer address (its OpenID discovery document lives beneath it).
    pub issuer: String,
    /// The client id Attest is registered under there.
    pub client_id: String,
    /// The client secret: sent when set or changed, never read back (empty keeps the stored one).
    #[serde(default)]
    pub client_secret: String,
    /// Whether a secret is stored (read only).
    #[serde(default)]
    pub has_secret: bool,
    /// Email domains whose people may sign in through it ("school.example").
    pub email_domains: Vec<String>,
    /// Whether the place's people may sign in only through it (their password is refused).
    pub directory_only: bool,
}

/// Why a directory sign-in ended without signing in: the `directory` query parameter of the
/// sign-in page it returns to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DirectoryRefusal {
    /// No school or trust signs in with accounts at that email's domain.
    NotOffered,
    /// The directory could not be reached.
    Unreachable,
    /// The sign-in was unknown, already used, or took too long.
    Expired,
    /// The directory's answer did not prove who the person is (signature, audience, expiry, nonce).
    Refused,
    /// The directory has not verified the email address.
    Unverified,
    /// The email address is outside the place's domains.
    Domain,
    /// Nobody of the place has that email address.
    Unknown,
    /// The person stopped at the directory, or it reported an error.
    Cancelled,
}

impl DirectoryRefusal {
    /// Every refusal.
    pub const ALL: [DirectoryRefusal; 8] = [
        DirectoryRefusal::NotOffered,
        DirectoryRefusal::Unreachable,
        DirectoryRefusal::Expired,
        DirectoryRefusal::Refused,
        DirectoryRefusal::Unverified,
        DirectoryRefusal::Domain,
        DirectoryRefusal::Unknown,
        DirectoryRefusal::Cancelled,
    ];

    /// The query-string name.
    pub fn as_str(self) -> &'static str {
        match self {
            DirectoryRefusal::NotOffered => "not_offered",
            DirectoryRefusal::Unreachable => "unreachable",
            DirectoryRefusal::Expired => "expired",
            DirectoryRefusal::Refused => "refused",
            DirectoryRefusal::Unverified => "unverified",
            DirectoryRefusal::Domain => "domain",
            DirectoryRefusal::Unknown => "unknown",
            DirectoryRefusal::Cancelled => "cancelled",
        }
    }

    /// The refusal read back from its name.
    pub fn parse(name: &str) -> Option<DirectoryRefusal> {
        DirectoryRefusal::ALL
            .into_iter()
            .find(|r| r.as_str() == name)
    }

    /// What the sign-in page says.
    pub fn message(self) -> &'static str {
        match self {
            DirectoryRefusal::NotOffered => {
                "Your school does not sign in to Attest with its own accounts. Use your password."
            }
            DirectoryRefusal::Unreachable => {
                "Your school's directory could not be reached. Try again later, or use your password."
            }
            DirectoryRefusal::Expired => {
                "That sign-in took too long or was already used. Try again."
            }
            DirectoryRefusal::Refused => {
                "Your school's directory did not confirm who you are. Try again."
            }
            DirectoryRefusal::Unverified => {
                "Your school's directory has not confirmed your email address, so it cannot sign you in to Attest."
            }
            DirectoryRefusal::Domain => {
                "That account's email address is not one your school signs in to Attest with."
            }
            DirectoryRefusal::Unknown => {
                "Attest has no account for that email address at your school. Ask your school's Attest manager."
            }
            DirectoryRefusal::Cancelled => "Signing in with your school account was stopped.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_read_back_from_their_names() {
        for refusal in DirectoryRefusal::ALL {
            assert_eq!(DirectoryRefusal::parse(refusal.as_str()), Some(refusal));
            assert!(refusal.message().ends_with('.'));
        }
        assert_eq!(DirectoryRefusal::parse("nope"), None);
    }
}
