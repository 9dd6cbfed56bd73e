//! "Remind now" for one person or a whole group, with the server's answer shown in words
//! (including the once-a-day limit's 429 message).

use attest_domain::api::{count, RemindNow, RemindNowResult};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::outcome::{Outcome, OutcomeRegions};
use crate::hooks::select::use_select_value;
use crate::services::reminders;

fn queued_text(r: &RemindNowResult) -> String {
    match (r.queued, r.skipped) {
        (1, 0) => "Reminder queued: it goes out with the next mail run.".into(),
        (q, 0) => format!("{} queued.", count(q, "reminder", "reminders")),
        (q, s) => format!(
            "{} queued; {} left out (already reminded today, or nothing outstanding).",
            count(q, "reminder", "reminders"),
            count(s, "person", "people")
        ),
    }
}

/// Sends the request and records the outcome.
fn send(
    school_id: String,
    request: RemindNow,
    outcome: UseStateHandle<Outcome>,
    busy: UseStateHandle<bool>,
) {
    busy.set(true);
    wasm_bindgen_futures::spawn_local(async move {
        outcome.set(Some(
            reminders::remind_now(&school_id, &request)
                .await
                .map(|r| queued_text(&r))
                .map_err(|e| e.message()),
        ));
        busy.set(false);
    });
}

/// Props of [`RemindPerson`].
#[derive(Properties, PartialEq)]
pub struct RemindPersonProps {
    /// The school the reminder comes from.
    pub school_id: String,
    /// Its name, for the button.
    pub school_name: String,
    /// Who to remind.
    pub person_id: String,
}

/// A "Remind now" button for one person at one school.
#[function_component(RemindPerson)]
pub fn remind_person(props: &RemindPersonProps) -> Html {
    let outcome = use_state(|| None);
    let busy = use_state(|| false);
    let onclick = {
        let (outcome, busy) = (outcome.clone(), busy.clone());
        let (school, person) = (props.school_id.clone(), props.person_id.clone());
        Callback::from(move |_: MouseEvent| {
            let request = RemindNow {
                person_id: Some(person.clone()),
                group: None,
            };
            send(school.clone(), request, outcome.clone(), busy.clone());
        })
    };
    html! {
        <div class="remind">
            <button type="button" class="secondary" {onclick} disabled={*busy}>
                { format!("Remind now ({})", props.school_name) }
            </button>
            <OutcomeRegions outcome={(*outcome).clone()} />
        </div>
    }
}

/// Props of [`RemindGroup`].
#[derive(Properties, PartialEq)]
pub struct RemindGroupProps {
    /// The school.
    pub school_id: String,
    /// The groups to choose from.
    pub groups: Vec<String>,
}

/// A form to remind everyone in one group at a school.
#[function_component(RemindGroup)]
pub fn remind_group(props: &RemindGroupProps) -> Html {
    let outcome = use_state(|| None);
    let busy = use_state(|| false);
    let select = use_node_ref();
    let first = props.groups.first().cloned().unwrap_or_default();
    use_select_value(&select, first, props.groups.len());
    let onsubmit = {
        let (outcome, busy, select) = (outcome.clone(), busy.clone(), select.clone());
        let school = props.school_id.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(group) = select
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .filter(|g| !g.is_empty())
            else {
                return;
            };
            let request = RemindNow {
                person_id: None,
                group: Some(group),
            };
            send(school.clone(), request, outcome.clone(), busy.clone());
        })
    };
    if props.groups.is_empty() {
        return html! {};
    }
    html! {
        <form class="remind-group" {onsubmit} aria-labelledby="remind-group-title">
            <h2 id="remind-group-title">{ "Remind a group now" }</h2>
            <p class="meta">{ "Everyone in the group with training outstanding gets one mail; each person at most once a day." }</p>
            <label for="remind-group">{ "Group" }</label>
            <select id="remind-group" ref={select}>
                { for props.groups.iter().map(|g| html! { <option value={g.clone()}>{ g }</option> }) }
            </select>
            <button type="submit" class="secondary" disabled={*busy}>{ "Remind group now" }</button>
            <OutcomeRegions outcome={(*outcome).clone()} />
        </form>
    }
}
