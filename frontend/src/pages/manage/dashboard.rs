//! A school's or trust's dashboard: compliance, counts, who is overdue or due, and the charts.

use attest_domain::api::{count, long_date, Dashboard, DueItem, PolicyReviewDue, ALL_STATUSES};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::charts::{ComplianceLine, StatusBars};
use crate::components::remind::RemindGroup;
use crate::components::scroll_box::ScrollBox;
use crate::components::status_badge::StatusBadge;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::services::manage::{self, Level};

/// Props of [`DashboardPage`].
#[derive(Properties, PartialEq)]
pub struct DashboardProps {
    /// School or trust.
    pub level: Level,
    /// Its id.
    pub id: String,
}

/// The dashboard page.
#[function_component(DashboardPage)]
pub fn dashboard_page(props: &DashboardProps) -> Html {
    let level = props.level;
    let load = use_fetch(props.id.clone(), move |id: String| async move {
        manage::dashboard(level, &id).await
    });
    match &*load {
        Load::Loaded(d) => view(d, level, &props.id),
        other => placeholder(other, "the dashboard"),
    }
}

fn links(level: Level, id: &str) -> Html {
    let id = id.to_string();
    html! {
        <nav aria-label="This area" class="actions">
            { match level {
                Level::School => html! { <>
                    <Link<Route> to={Route::SchoolMatrix { id: id.clone() }} classes="button secondary">{ "Completion matrix" }</Link<Route>>
                    <Link<Route> to={Route::ImportPeople { id: id.clone() }} classes="button secondary">{ "Import staff" }</Link<Route>>
                    <Link<Route> to={Route::Policies { id: id.clone() }} classes="button secondary">{ "Policies" }</Link<Route>>
                    <Link<Route> to={Route::Evidence { id: id.clone() }} classes="button secondary">{ "Evidence" }</Link<Route>>
                    <Link<Route> to={Route::NewPerson { id: id.clone() }} classes="button secondary">{ "Add a person" }</Link<Route>>
                    <Link<Route> to={Route::ReminderLog { school_id: id.clone() }} classes="button secondary">{ "Reminder log" }</Link<Route>>
                    <Link<Route> to={Route::Holidays { id: id.clone() }} classes="button secondary">{ "Holidays" }</Link<Route>>
                    <Link<Route> to={Route::SchoolAudit { id }} classes="button secondary">{ "Audit log" }</Link<Route>>
                </> },
                Level::Trust => html! { <>
                    <Link<Route> to={Route::TrustMatrix { id: id.clone() }} classes="button secondary">{ "Completion matrix" }</Link<Route>>
                    <Link<Route> to={Route::Compare { id: id.clone() }} classes="button secondary">{ "Compare policies" }</Link<Route>>
                    <Link<Route> to={Route::TrustEvidence { id: id.clone() }} classes="button secondary">{ "Evidence" }</Link<Route>>
                    <Link<Route> to={Route::TrustAudit { id }} classes="button secondary">{ "Audit log" }</Link<Route>>
                </> },
            } }
        </nav>
    }
}

fn due_table(caption: &str, items: &[DueItem], empty: &str) -> Html {
    if items.is_empty() {
        return html! { <p>{ empty }</p> };
    }
    html! {
        <ScrollBox label={caption.to_string()}><table>
            <caption>{ caption }</caption>
            <thead><tr>
                <th scope="col">{ "Name" }</th><th scope="col">{ "School" }</th><th scope="col">{ "Policy" }</th>
                <th scope="col">{ "Status" }</th><th scope="col">{ "Due" }</th>
            </tr></thead>
            <tbody>{ for items.iter().map(|i| html! { <tr>
                <th scope="row"><Link<Route> to={Route::Person { id: i.person_id.clone() }}>{ &i.name }</Link<Route>></th>
                <td>{ &i.school_name }</td><td>{ &i.policy_title }</td>
                <td><StatusBadge status={i.status} /></td><td>{ long_date(i.due) }</td>
            </tr> }) }</tbody>
        </table></ScrollBox>
    }
}

fn view(d: &Dashboard, level: Level, id: &str) -> Html {
    let by = if level == Level::School {
        "group"
    } else {
        "school"
    };
    html! {
        <section aria-labelledby="dash-title" class="dashboard">
            <h1 id="dash-title">{ format!("{}: dashboard", d.name) }</h1>
            { links(level, id) }
            <div class="stats">
                <p class="stat"><strong>{ format!("{}%", d.percent) }</strong>
                    { format!(" fully compliant ({} of {}) on {}", d.fully_compliant, count(d.people, "person", "people"), long_date(d.today)) }</p>
                <ul class="counts" aria-label="Assignments by status">{ for ALL_STATUSES.iter().map(|s| html! {
                    <li><StatusBadge status={*s} />{ format!(" {}", d.counts.get(*s)) }</li>
                }) }</ul>
            </div>
            <div class="charts">
                <div class="card"><h2>{ "Compliance over time" }</h2><ComplianceLine points={d.over_time.clone()} /></div>
                <div class="card"><h2>{ format!("Status by {by}") }</h2><StatusBars bars={d.bars.clone()} by={by} /></div>
            </div>
            { reviews(&d.overdue_reviews, level) }
            <h2>{ "Overdue" }</h2>
            { due_table("People overdue, earliest first", &d.overdue, "Nobody is overdue.") }
            <h2>{ "Due in the next 30 days" }</h2>
            { due_table("People due in the next 30 days", &d.due_next_30_days, "Nobody falls due in the next 30 days.") }
            if level == Level::School {
                <RemindGroup school_id={id.to_string()} groups={d.bars.iter().map(|b| b.name.clone()).collect::<Vec<_>>()} />
            }
        </section>
    }
}

/// Policies past their own review date: flagged at the top, since a lapsed review undermines the training.
fn reviews(items: &[PolicyReviewDue], level: Level) -> Html {
    if items.is_empty() {
        return html! { <p class="notice reviews-ok">{ "No policy is past its review date." }</p> };
    }
    html! {
        <div class="error reviews" role="region" aria-labelledby="reviews-title">
            <h2 id="reviews-title">{ format!("Policy reviews overdue ({})", items.len()) }</h2>
            <ul>{ for items.iter().map(|r| html! { <li>
                if level == Level::Trust { { format!("{}: ", r.school_name) } }
                <Link<Route> to={Route::Policies { id: r.school_id.clone() }}>{ format!("{} {}", r.title, r.version_label) }</Link<Route>>
                { format!(" was due for review on {} ({} ago).", long_date(r.next_review), count(r.days_overdue, "day", "days")) }
            </li> }) }</ul>
        </div>
    }
}
