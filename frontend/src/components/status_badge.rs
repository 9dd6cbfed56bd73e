//! A coloured, labelled status badge (the label carries the meaning, not the colour).

use attest_domain::api::Status;
use yew::prelude::*;

/// Props of [`StatusBadge`].
#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    /// The status to show.
    pub status: Status,
}

/// A badge such as "Overdue" or "Attested".
#[function_component(StatusBadge)]
pub fn status_badge(props: &StatusBadgeProps) -> Html {
    let class = match props.status {
        Status::NotStarted => "badge not-started",
        Status::InProgress => "badge in-progress",
        Status::Passed => "badge passed",
        Status::Attested => "badge attested",
        Status::DueSoon => "badge due-soon",
        Status::Overdue => "badge overdue",
        Status::Paused => "badge paused",
    };
    html! { <span class={class}>{ props.status.label() }</span> }
}
