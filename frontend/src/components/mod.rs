//! Components shared by several pages.

pub mod as_at_form;
pub mod attest_form;
pub mod charts;
pub mod diff_view;
pub mod graded;
pub mod invitations;
pub mod layout;
pub mod remind;
pub mod status_badge;
