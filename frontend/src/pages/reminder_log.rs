//! `/manage/schools/{school_id}/reminders`: a school's reminder log, for its managers.

use attest_domain::api::{count, long_date};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::scroll_box::ScrollBox;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::session::use_signed_in;
use crate::services::clock::date_time;
use crate::services::links;

/// Props of [`ReminderLog`].
#[derive(Properties, PartialEq)]
pub struct ReminderLogProps {
    /// The school.
    pub school_id: String,
}

/// The log as a table: who, why, status and times.
#[function_component(ReminderLog)]
pub fn reminder_log(props: &ReminderLogProps) -> Html {
    let _ = use_signed_in();
    let load = use_fetch(props.school_id.clone(), |id: String| async move {
        links::reminder_log(&id).await
    });
    let Load::Loaded(entries) = &*load else {
        return placeholder(&*load, "the reminder log");
    };
    html! {
        <section class="panel" aria-labelledby="log-title">
            <h1 id="log-title">{ "Reminders" }</h1>
            <nav aria-label="This school" class="actions">
                <Link<Route> to={Route::SchoolDashboard { id: props.school_id.clone() }} classes="button secondary">{ "Dashboard" }</Link<Route>>
                <Link<Route> to={Route::Holidays { id: props.school_id.clone() }} classes="button secondary">{ "Holidays" }</Link<Route>>
            </nav>
            if entries.is_empty() {
                <p>{ "No reminders yet." }</p>
            } else {
                <ScrollBox label="Reminder log">
                <table class="reminder-log">
                    <caption>{ format!("The latest {}, newest first", count(entries.len() as u64, "reminder", "reminders")) }</caption>
                    <thead><tr>
                        <th scope="col">{ "To" }</th><th scope="col">{ "Why" }</th><th scope="col">{ "Policy" }</th><th scope="col">{ "Due" }</th>
                        <th scope="col">{ "Status" }</th><th scope="col">{ "Written" }</th><th scope="col">{ "Sent" }</th>
                    </tr></thead>
                    <tbody>
                    { for entries.iter().map(|e| html! {
                        <tr>
                            <th scope="row">{ &e.person_name }</th>
                            <td>{ e.stage.replace('_', " ") }</td>
                            <td>{ e.policy_title.clone().unwrap_or_default() }</td>
                            <td>{ e.due_on.map(long_date).unwrap_or_default() }</td>
                            <td>
                                { format!("{} ({})", e.status.label(), count(e.tries, "try", "tries")) }
                                if let Some(error) = &e.last_error { <span class="small">{ format!(" — {error}") }</span> }
                            </td>
                            <td>{ date_time(&e.created_at) }</td>
                            <td>{ e.sent_at.as_deref().map(date_time).unwrap_or_else(|| format!("not before {}", date_time(&e.send_after))) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                </ScrollBox>
            }
        </section>
    }
}
