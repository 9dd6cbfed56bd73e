//! A person's page: memberships, each policy's status, attempts, attestations and reminders.

use attest_domain::api::{count, long_date, PersonDetail};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::paper::PaperSignature;
use crate::components::pause::PauseTraining;
use crate::components::remind::RemindPerson;
use crate::components::scroll_box::ScrollBox;
use crate::components::status_badge::StatusBadge;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::services::clock::date_time;
use crate::services::manage;

/// Props of [`PersonPage`].
#[derive(Properties, PartialEq)]
pub struct PersonProps {
    /// The person's id.
    pub id: String,
}

/// The person page.
#[function_component(PersonPage)]
pub fn person_page(props: &PersonProps) -> Html {
    let load = use_fetch(props.id.clone(), |id: String| async move {
        manage::person(&id).await
    });
    let on_change = {
        let load = load.clone();
        Callback::from(move |detail: PersonDetail| load.set(Load::Loaded(detail)))
    };
    match &*load {
        Load::Loaded(p) => view(p, on_change),
        other => placeholder(other, "this person"),
    }
}

fn view(p: &PersonDetail, on_change: Callback<PersonDetail>) -> Html {
    html! {
        <section aria-labelledby="person-title">
            <nav aria-label="Back" class="back">{ for p.memberships.iter().map(|m| html! {
                <Link<Route> to={Route::SchoolDashboard { id: m.school_id.clone() }}>{ format!("Back to {}", m.school_name) }</Link<Route>>
            }) }</nav>
            <h1 id="person-title">{ &p.name }</h1>
            <p class="meta">{ &p.email }{ if p.active { "" } else { " · left (deactivated)" } }</p>
            <ul>{ for p.memberships.iter().map(|m| html! {
                <li>{ format!("{}: {}, groups {}, started {}{}", m.school_name, m.role.as_str().replace('_', " "),
                    m.groups.join(", "), long_date(m.start_date), if m.active { "" } else { " (left)" }) }</li>
            }) }</ul>
            <div class="actions">
                <Link<Route> to={Route::EditPerson { id: p.id.clone() }} classes="button secondary">{ "Edit details" }</Link<Route>>
            </div>
            { for p.memberships.iter().filter(|m| m.active && p.active).map(|m| html! {
                <RemindPerson school_id={m.school_id.clone()} school_name={m.school_name.clone()} person_id={p.id.clone()} />
            }) }
            { for p.memberships.iter().filter(|m| m.active && p.active).map(|m| html! { <>
                <PauseTraining person_id={p.id.clone()} membership={m.clone()} on_change={on_change.clone()} />
                <PaperSignature person_id={p.id.clone()} membership={m.clone()} on_change={on_change.clone()}
                    policies={p.policies.iter().filter(|x| x.school_id == m.school_id).cloned().collect::<Vec<_>>()} />
            </> }) }
            <ScrollBox label="Policies"><table>
                <caption>{ "Policies" }</caption>
                <thead><tr><th scope="col">{ "Policy" }</th><th scope="col">{ "Version" }</th><th scope="col">{ "Status" }</th>
                    <th scope="col">{ "Due" }</th><th scope="col">{ "Valid until" }</th></tr></thead>
                <tbody>{ for p.policies.iter().map(|x| html! { <tr>
                    <th scope="row">{ &x.title }</th><td>{ &x.version_label }</td><td><StatusBadge status={x.status} /></td>
                    <td>{ long_date(x.due) }</td><td>{ x.expires.map(long_date).unwrap_or_default() }</td>
                </tr> }) }</tbody>
            </table></ScrollBox>
            <ScrollBox label="Quiz attempts"><table>
                <caption>{ "Quiz attempts" }</caption>
                <thead><tr><th scope="col">{ "Started" }</th><th scope="col">{ "Policy" }</th><th scope="col">{ "Score" }</th><th scope="col">{ "Result" }</th></tr></thead>
                <tbody>{ for p.attempts.iter().map(|a| html! { <tr>
                    <th scope="row">{ date_time(&a.started_at) }</th><td>{ format!("{} {}", a.policy_title, a.version_label) }</td>
                    <td>{ a.score.map(|s| format!("{s} / {}", a.total)).unwrap_or_else(|| "not submitted".into()) }</td>
                    <td>{ match a.passed { Some(true) => "passed", Some(false) => "not passed", None => "—" } }</td>
                </tr> }) }</tbody>
            </table></ScrollBox>
            <ScrollBox label="Attestations"><table class="person-attestations">
                <caption>{ "Attestations" }</caption>
                <thead><tr><th scope="col">{ "Signed" }</th><th scope="col">{ "Policy" }</th><th scope="col">{ "Code" }</th><th scope="col">{ "Chain" }</th><th scope="col">{ "How" }</th></tr></thead>
                <tbody>{ for p.attestations.iter().map(|a| html! { <tr>
                    <th scope="row">{ date_time(&a.attested_at) }</th><td>{ format!("{} {}", a.policy_title, a.version_label) }</td>
                    <td class="hash">{ &a.code }</td><td>{ if a.verified { "verified" } else { "BROKEN" } }</td>
                    <td>{ a.how_signed() }</td>
                </tr> }) }</tbody>
            </table></ScrollBox>
            { reminders(p) }
        </section>
    }
}

fn reminders(p: &PersonDetail) -> Html {
    if p.reminders.is_empty() {
        return html! { <><h2>{ "Reminders" }</h2><p>{ "No reminders recorded." }</p></> };
    }
    html! {
        <ScrollBox label="Reminders">
            <table class="person-reminders">
                <caption>{ "Reminders" }</caption>
                <thead><tr><th scope="col">{ "Written" }</th><th scope="col">{ "Why" }</th><th scope="col">{ "About" }</th>
                    <th scope="col">{ "Due" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Sent" }</th></tr></thead>
                <tbody>{ for p.reminders.iter().map(|r| html! { <tr>
                    <th scope="row">{ date_time(&r.created_at) }</th>
                    <td>{ r.stage.replace('_', " ") }</td>
                    <td>{ [r.school_name.clone(), r.policy_title.clone()].into_iter().flatten().collect::<Vec<_>>().join(": ") }</td>
                    <td>{ r.due_on.map(long_date).unwrap_or_default() }</td>
                    <td>{ format!("{} ({})", r.status.label(), count(r.tries, "try", "tries")) }</td>
                    <td>{ r.sent_at.as_deref().map(date_time).unwrap_or_default() }</td>
                </tr> }) }</tbody>
            </table>
        </ScrollBox>
    }
}
