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

/// One labelled group of the area's other pages.
fn group(title: &str, items: Vec<(Route, &str)>) -> Html {
    html! {
        <div class="area-group">
            <h2>{ title }</h2>
            <ul>{ for items.into_iter().map(|(to, text)| html! {
                <li><Link<Route> {to}>{ text }</Link<Route>></li>
            }) }</ul>
        </div>
    }
}

/// The area's one main task (who is done, due or overdue) as the primary button, and its
/// other pages grouped by what a manager comes for, instead of a row of equal buttons.
fn links(level: Level, id: &str) -> Html {
    let id = id.to_string();
    let (matrix, groups) = match level {
        Level::School => (
            Route::SchoolMatrix { id: id.clone() },
            html! { <>
                { group("Staff", vec![
                    (Route::NewPerson { id: id.clone() }, "Add a person"),
                    (Route::ImportPeople { id: id.clone() }, "Import staff"),
                    (Route::ReminderLog { school_id: id.clone() }, "Reminder log"),
                ]) }
                { group("Policies", vec![
                    (Route::Policies { id: id.clone() }, "Policies"),
                    (Route::Holidays { id: id.clone() }, "Holidays"),
                ]) }
                { group("Reports", vec![
                    (Route::Evidence { id: id.clone() }, "Evidence"),
                    (Route::SchoolAudit { id }, "Audit log"),
                ]) }
            </> },
        ),
        Level::Trust => (
            Route::TrustMatrix { id: id.clone() },
            group(
                "Reports",
                vec![
                    (Route::TrustModels { id: id.clone() }, "Model policies"),
                    (Route::Compare { id: id.clone() }, "Compare policies"),
                    (Route::TrustEvidence { id: id.clone() }, "Evidence"),
                    (Route::TrustAudit { id }, "Audit log"),
                ],
            ),
        ),
    };
    html! {
        <nav aria-label="This area" class="area">
            <p><Link<Route> to={matrix} classes="button primary">{ "Completion matrix" }</Link<Route>></p>
            <div class="area-groups">{ groups }</div>
        </nav>
    }
}

/// Says when a list shows only its first entries.
fn shown(listed: usize, total: u32) -> Html {
    if listed >= total as usize {
        return html! {};
    }
    html! { <p class="hint">{ format!("The first {listed} are listed; the completion matrix has everyone.") }</p> }
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
            <h2>{ format!("Overdue ({})", d.overdue_total) }</h2>
            { shown(d.overdue.len(), d.overdue_total) }
            { due_table("People overdue, earliest first", &d.overdue, "Nobody is overdue.") }
            <h2>{ format!("Due in the next 30 days ({})", d.due_next_30_days_total) }</h2>
            <p class="hint">{ "Not yet signed, or a renewal falling due: everyone whose deadline is in the next 30 days, \
                whatever their status above." }</p>
            { shown(d.due_next_30_days.len(), d.due_next_30_days_total) }
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
