//! Signing in through a school's or trust's own directory with OpenID Connect (the
//! `openidconnect` crate): the authorization-code flow with PKCE, state and nonce.
//!
//! A directory ([`providers`]) is configured per school or trust with the email domains it
//! speaks for. Sign-in starts from the email the person types: its domain picks the
//! directory ([`flow::begin`]). The directory's answer is checked by the crate (signature,
//! issuer, audience, expiry, nonce); then [`matching`] accepts only a verified email within
//! the directory's domains that belongs to an active person of that place. Signing in never
//! makes an account.

pub mod flow;
pub mod matching;
pub mod providers;
