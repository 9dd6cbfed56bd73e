//! Components shared by several pages.

pub mod as_at_form;
pub mod ask_box;
pub mod attest_form;
pub mod charts;
pub mod diff_view;
pub mod draft_upload;
pub mod error_summary;
pub mod graded;
pub mod invitations;
pub mod layout;
pub mod outcome;
pub mod paper;
pub mod pause;
pub mod qr_code;
pub mod remind;
pub mod reread_list;
pub mod scroll_box;
pub mod status_badge;
pub mod two_factor_code;
