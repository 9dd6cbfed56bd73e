//! Two-factor sign-in: enrolling an authenticator app, the code after the password, recovery
//! codes, and where it is required.

use serde::{Deserialize, Serialize};

/// The [`super::ApiError::code`] of a manager's request refused because a place they manage
/// requires two-factor sign-in and they have not set it up: the app sends them to enrol.
pub const TWO_FACTOR_REQUIRED: &str = "two_factor_required";

/// `GET /api/me/two-factor`: where the signed-in person stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorStatus {
    /// Whether sign-in asks them for a code.
    pub enrolled: bool,
    /// Whether a place they manage requires it (they may not turn it off).
    pub required: bool,
    /// Recovery codes not yet used.
    pub recovery_codes_left: u32,
}

/// `POST /api/me/two-factor`: the secret to put in an authenticator app, until confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorEnrolment {
    /// The secret in base32, for typing into the app.
    pub secret: String,
    /// The `otpauth://` address, for the QR code the app scans.
    pub otpauth_uri: String,
}

/// A six-digit code from the authenticator app (or, where allowed, a recovery code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorCode {
    /// The code as typed; spaces and dashes are ignored.
    pub code: String,
}

/// `POST /api/me/two-factor/confirm`: the recovery codes, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    /// Each works once, instead of a code from the app.
    pub codes: Vec<String>,
}

/// `202` from `POST /api/session` or a sign-in link: the password was right, now the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorChallenge {
    /// Names this half-done sign-in; send it back with the code.
    pub challenge: String,
    /// What to ask the person for.
    pub message: String,
}

/// `POST /api/session/two-factor`: the second step of signing in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorSignIn {
    /// From the [`TwoFactorChallenge`].
    pub challenge: String,
    /// A code from the app, or a recovery code.
    pub code: String,
}

/// `GET`/`PUT /api/schools/{id}/two-factor` and `/api/trusts/{id}/two-factor`: whether the
/// place requires two-factor sign-in of its managers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorRule {
    /// Required of its managers.
    pub required: bool,
    /// For a school: required already by its trust (read only).
    #[serde(default)]
    pub required_by_trust: bool,
}
