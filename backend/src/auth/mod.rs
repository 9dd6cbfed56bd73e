//! Who is calling: passwords, two-factor codes, sessions and the `CurrentUser` extractor.

pub mod limits;
pub mod oidc;
pub mod password;
pub mod session;
mod sign_in;
pub mod totp;
pub mod two_factor;
mod user;

pub use sign_in::{sign_in, SIGN_IN_REFUSED};
pub use user::CurrentUser;
