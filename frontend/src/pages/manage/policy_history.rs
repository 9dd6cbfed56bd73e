//! `/manage/policies/{id}/history`: who uploaded, reviewed and published what, newest first.

use attest_domain::api::count;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::scroll_box::ScrollBox;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::services::clock::date_time;
use crate::services::review;

/// Props of [`PolicyHistoryPage`].
#[derive(Properties, PartialEq)]
pub struct PolicyHistoryProps {
    /// The policy's id.
    pub id: String,
}

/// The history page.
#[function_component(PolicyHistoryPage)]
pub fn policy_history_page(props: &PolicyHistoryProps) -> Html {
    let history = use_fetch(props.id.clone(), |id: String| async move {
        review::history(&id).await
    });
    let Load::Loaded(h) = &*history else {
        return placeholder(&history, "the policy's history");
    };
    let caption = format!(
        "{}: every upload, review decision and publish ({})",
        h.title,
        count(
            u32::try_from(h.entries.len()).unwrap_or(u32::MAX),
            "entry",
            "entries"
        )
    );
    html! {
        <section aria-labelledby="history-title">
            <p><Link<Route> to={Route::Policies { id: h.school_id.clone() }}>{ "Back to policies" }</Link<Route>></p>
            <h1 id="history-title">{ format!("History of {}", h.title) }</h1>
            <ScrollBox label={caption.clone()}><table class="history">
                <caption>{ caption }</caption>
                <thead><tr>
                    <th scope="col">{ "When" }</th><th scope="col">{ "Who" }</th>
                    <th scope="col">{ "What" }</th><th scope="col">{ "Detail" }</th>
                </tr></thead>
                <tbody>{ for h.entries.iter().map(|l| html! { <tr>
                    <td>{ date_time(&l.at.to_rfc3339()) }</td>
                    <th scope="row">{ &l.actor_name }</th>
                    <td>{ l.action.label() }</td>
                    <td class="detail">{ &l.detail }</td>
                </tr> }) }</tbody>
            </table></ScrollBox>
        </section>
    }
}
