//! The completion matrix: people × policies with filters, search, sorting, paging and a CSV download.

use attest_domain::api::{count, long_date, Matrix, MatrixQuery, Status, ALL_STATUSES};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::scroll_box::ScrollBox;
use crate::components::status_badge::StatusBadge;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::select::use_select_value;
use crate::services::manage::{self, matrix_query, Level};

/// Props of [`MatrixPage`].
#[derive(Properties, PartialEq)]
pub struct MatrixProps {
    /// School or trust.
    pub level: Level,
    /// Its id.
    pub id: String,
}

fn status_name(s: Status) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The matrix page.
#[function_component(MatrixPage)]
pub fn matrix_page(props: &MatrixProps) -> Html {
    let level = props.level;
    let query = use_state(|| MatrixQuery {
        per_page: Some(25),
        ..MatrixQuery::default()
    });
    let load = use_fetch(
        ((*query).clone(), props.id.clone()),
        move |(q, id): (MatrixQuery, String)| async move { manage::matrix(level, &id, &q).await },
    );
    let search = use_node_ref();
    let group = use_node_ref();
    let status = use_node_ref();
    let sort = use_node_ref();
    let school = use_node_ref();
    let onsubmit = {
        let (query, search, group, status, sort, school) = (
            query.clone(),
            search.clone(),
            group.clone(),
            status.clone(),
            sort.clone(),
            school.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let pick = |r: &NodeRef| {
                r.cast::<HtmlSelectElement>()
                    .map(|s| s.value())
                    .unwrap_or_default()
            };
            let wanted = pick(&status);
            query.set(MatrixQuery {
                q: Some(text(&search)),
                group: Some(pick(&group)).filter(|g| !g.is_empty()),
                status: ALL_STATUSES.into_iter().find(|s| status_name(*s) == wanted),
                sort: Some(pick(&sort)),
                school: Some(pick(&school)).filter(|s| !s.is_empty()),
                page: Some(1),
                ..(*query).clone()
            });
        })
    };
    let go = |page: u32| {
        let query = query.clone();
        Callback::from(move |_: MouseEvent| {
            query.set(MatrixQuery {
                page: Some(page),
                ..(*query).clone()
            })
        })
    };
    let csv_query = MatrixQuery {
        page: None,
        per_page: None,
        ..(*query).clone()
    };
    let csv = format!(
        "/api/{}/{}/matrix.csv?{}",
        level.segment(),
        props.id,
        matrix_query(&csv_query)
    );
    let (groups, schools) = match &*load {
        Load::Loaded(m) => (m.groups.clone(), m.schools.clone()),
        _ => (Vec::new(), Vec::new()),
    };
    // The filters show what the table below applies.
    let applied_group = query.group.clone().unwrap_or_default();
    use_select_value(&group, applied_group, groups.len());
    let applied_status = query.status.map(status_name).unwrap_or_default();
    use_select_value(&status, applied_status, ALL_STATUSES.len());
    let applied_sort = query.sort.clone().unwrap_or_else(|| "name".into());
    use_select_value(&sort, applied_sort, 5);
    let applied_school = query.school.clone().unwrap_or_default();
    use_select_value(&school, applied_school, schools.len());
    html! {
        <section aria-labelledby="matrix-title">
            <h1 id="matrix-title">{ "Completion matrix" }</h1>
            <form class="filters" {onsubmit} role="search">
                <div><label for="m-q">{ "Search name or email" }</label><input id="m-q" type="search" ref={search} /></div>
                <div><label for="m-group">{ "Group" }</label>
                    <select id="m-group" ref={group}>
                        <option value="">{ "All groups" }</option>
                        { for groups.iter().map(|g| html! { <option value={g.clone()}>{ g }</option> }) }
                    </select></div>
                <div><label for="m-status">{ "Status" }</label>
                    <select id="m-status" ref={status}>
                        <option value="">{ "Any status" }</option>
                        { for ALL_STATUSES.iter().map(|s| html! { <option value={status_name(*s)}>{ s.label() }</option> }) }
                    </select></div>
                if level == Level::Trust {
                    <div><label for="m-school">{ "School" }</label>
                        <select id="m-school" ref={school}>
                            <option value="">{ "All schools" }</option>
                            { for schools.iter().map(|s| html! { <option value={s.id.clone()}>{ &s.name }</option> }) }
                        </select></div>
                }
                <div><label for="m-sort">{ "Sort by" }</label>
                    <select id="m-sort" ref={sort}>
                        <option value="name">{ "Name" }</option>
                        <option value="status">{ "Status (worst first)" }</option>
                        <option value="due">{ "Due date" }</option>
                        <option value="email">{ "Email" }</option>
                        <option value="school">{ "School" }</option>
                    </select></div>
                <div><button type="submit" class="primary">{ "Apply" }</button></div>
            </form>
            <p><a href={csv} class="button secondary" download="">{ "Download CSV" }</a></p>
            { match &*load {
                Load::Loaded(m) => table(m, go(m.page.saturating_sub(1)), go(m.page + 1)),
                other => placeholder(other, "the matrix"),
            } }
        </section>
    }
}

fn table(m: &Matrix, onprev: Callback<MouseEvent>, onnext: Callback<MouseEvent>) -> Html {
    let pages = m.total.div_ceil(m.per_page.max(1)).max(1);
    let caption = format!(
        "{}; page {} of {pages}",
        count(m.total, "person", "people"),
        m.page
    );
    html! { <>
        <ScrollBox label={caption.clone()}><table class="matrix">
            <caption>{ caption }</caption>
            <thead><tr>
                <th scope="col">{ "Person" }</th><th scope="col">{ "Groups" }</th>
                // A trust's columns are several schools' policies: each names its school.
                { for m.policies.iter().map(|p| html! { <th scope="col">
                    { format!("{} ({})", p.title, p.version_label) }
                    if m.schools.len() > 1 { <span class="meta small">{ format!(" {}", p.school_name) }</span> }
                </th> }) }
            </tr></thead>
            <tbody>{ for m.rows.iter().map(|r| html! { <tr>
                <th scope="row">
                    <Link<Route> to={Route::Person { id: r.person_id.clone() }}>{ &r.name }</Link<Route>>
                    <span class="meta small">{ format!(" {} · {}", r.email, r.school_name) }</span>
                </th>
                <td>{ r.groups.join(", ") }</td>
                { for r.cells.iter().map(|c| match c {
                    Some(c) => html! { <td><StatusBadge status={c.status} /><span class="meta small">{ format!(" due {}", long_date(c.due)) }</span></td> },
                    None => html! { <td><span class="meta small">{ "not assigned" }</span></td> },
                }) }
            </tr> }) }</tbody>
        </table></ScrollBox>
        <nav class="pager" aria-label="Pages">
            <button type="button" class="secondary" disabled={m.page <= 1} onclick={onprev}>{ "Previous page" }</button>
            <button type="button" class="secondary" disabled={m.page >= pages} onclick={onnext}>{ "Next page" }</button>
        </nav>
    </> }
}
