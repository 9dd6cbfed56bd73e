//! `/manage/schools/{school_id}/reminders`: a school's reminder log, for its managers.

use attest_domain::api::ReminderStatus;
use yew::prelude::*;

use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::session::use_signed_in;
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
    let status = |s: ReminderStatus| match s {
        ReminderStatus::Pending => "Pending",
        ReminderStatus::Sent => "Sent",
        ReminderStatus::Failed => "Failed",
    };
    html! {
        <section class="panel" aria-labelledby="log-title">
            <h1 id="log-title">{ "Reminders" }</h1>
            if entries.is_empty() {
                <p>{ "No reminders yet." }</p>
            } else {
                <table class="reminder-log">
                    <thead><tr>
                        <th>{ "To" }</th><th>{ "Why" }</th><th>{ "Policy" }</th><th>{ "Due" }</th>
                        <th>{ "Status" }</th><th>{ "Written" }</th><th>{ "Sent" }</th>
                    </tr></thead>
                    <tbody>
                    { for entries.iter().map(|e| html! {
                        <tr>
                            <td>{ &e.person_name }</td>
                            <td>{ e.stage.replace('_', " ") }</td>
                            <td>{ e.policy_title.clone().unwrap_or_default() }</td>
                            <td>{ e.due_on.map(|d| d.to_string()).unwrap_or_default() }</td>
                            <td title={e.last_error.clone().unwrap_or_default()}>
                                { format!("{} ({} tries)", status(e.status), e.tries) }
                            </td>
                            <td>{ &e.created_at }</td>
                            <td>{ e.sent_at.clone().unwrap_or_else(|| format!("not before {}", e.send_after)) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
