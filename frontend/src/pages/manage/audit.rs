//! `/manage/schools/{id}/audit` and `/manage/trusts/{id}/audit`: who changed what, when and
//! from where, filtered by action and dates, with the whole log as CSV.

use attest_domain::api::{count, AuditAction, AuditEntry, AuditFilter};
use chrono::NaiveDate;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::scroll_box::ScrollBox;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::select::use_select_value;
use crate::services::audit;
use crate::services::clock::date_time;
use crate::services::manage::Level;

/// Props of [`AuditPage`].
#[derive(Properties, PartialEq)]
pub struct AuditProps {
    /// A school or a trust.
    pub level: Level,
    /// Its id.
    pub id: String,
}

/// The audit log page.
#[function_component(AuditPage)]
pub fn audit_page(props: &AuditProps) -> Html {
    let level = props.level;
    let filter = use_state(AuditFilter::default);
    let load = use_fetch(
        ((*filter).clone(), props.id.clone()),
        move |(f, id): (AuditFilter, String)| async move { audit::lines(level, &id, &f).await },
    );
    let (action, from, to) = (use_node_ref(), use_node_ref(), use_node_ref());
    let applied = filter
        .action
        .map(|a| a.as_str().to_string())
        .unwrap_or_default();
    use_select_value(&action, applied, AuditAction::ALL.len());
    let onsubmit = {
        let (filter, action, from, to) = (filter.clone(), action.clone(), from.clone(), to.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let day = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .and_then(|i| i.value().parse::<NaiveDate>().ok())
            };
            let picked = action
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            filter.set(AuditFilter {
                action: AuditAction::parse(&picked),
                from: day(&from),
                to: day(&to),
            });
        })
    };
    let csv = audit::csv_url(level, &props.id, &filter);
    html! {
        <section class="panel" aria-labelledby="audit-title">
            <h1 id="audit-title">{ "Audit log" }</h1>
            <p class="lead">{ "Every change a manager made here, and every export taken, newest first." }</p>
            <form class="filters" {onsubmit} role="search">
                <div><label for="a-action">{ "What" }</label>
                    <select id="a-action" ref={action}>
                        <option value="">{ "Everything" }</option>
                        { for AuditAction::ALL.iter().map(|a| html! { <option value={a.as_str()}>{ a.label() }</option> }) }
                    </select></div>
                <div><label for="a-from">{ "From" }</label><input id="a-from" type="date" ref={from} /></div>
                <div><label for="a-to">{ "To" }</label><input id="a-to" type="date" ref={to} /></div>
                <div><button type="submit" class="primary">{ "Apply" }</button></div>
            </form>
            <p><a href={csv} download="">{ "Download the log as CSV" }</a></p>
            { match &*load {
                Load::Loaded(lines) => table(lines),
                other => placeholder(other, "the audit log"),
            } }
        </section>
    }
}

fn table(lines: &[AuditEntry]) -> Html {
    if lines.is_empty() {
        return html! { <p>{ "Nothing recorded for this choice." }</p> };
    }
    let caption = format!(
        "{}, newest first",
        count(lines.len() as u64, "entry", "entries")
    );
    html! {
        <ScrollBox label="Audit log">
        <table>
            <caption>{ caption }</caption>
            <thead><tr>
                <th scope="col">{ "When" }</th><th scope="col">{ "Who" }</th><th scope="col">{ "What" }</th>
                <th scope="col">{ "School" }</th><th scope="col">{ "Concerning" }</th>
                <th scope="col">{ "Detail" }</th><th scope="col">{ "From" }</th>
            </tr></thead>
            <tbody>{ for lines.iter().map(|l| html! { <tr>
                <td>{ date_time(&l.at.to_rfc3339()) }</td>
                <th scope="row">{ &l.actor_name }</th>
                <td>{ l.action.label() }</td>
                <td>{ l.school_name.clone().unwrap_or_default() }</td>
                <td>{ l.target_name.clone().unwrap_or_default() }</td>
                <td>{ &l.detail }</td>
                <td>{ &l.client }</td>
            </tr> }) }</tbody>
        </table>
        </ScrollBox>
    }
}
