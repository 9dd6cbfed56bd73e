//! Staff import: choose a CSV, check it (preview with per-line errors), then import it.

use attest_domain::api::{ImportReport, RowAction};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::services::manage;

/// Props of [`ImportPage`].
#[derive(Properties, PartialEq)]
pub struct ImportProps {
    /// The school's id.
    pub id: String,
}

/// The import page.
#[function_component(ImportPage)]
pub fn import_page(props: &ImportProps) -> Html {
    let file = use_node_ref();
    let leavers = use_node_ref();
    let report = use_state(|| None::<ImportReport>);
    let busy = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let run = |dry_run: bool| {
        let (file, leavers, report, busy, error, id) = (
            file.clone(),
            leavers.clone(),
            report.clone(),
            busy.clone(),
            error.clone(),
            props.id.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (file, leavers, report, busy, error, id) = (
                file.clone(),
                leavers.clone(),
                report.clone(),
                busy.clone(),
                error.clone(),
                id.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let Some(input) = file.cast::<HtmlInputElement>() else {
                    return;
                };
                let deactivate = leavers
                    .cast::<HtmlInputElement>()
                    .is_some_and(|c| c.checked());
                let Some((name, bytes)) = manage::read_chosen_file(&input).await else {
                    error.set(Some("Choose a CSV file first.".into()));
                    return;
                };
                busy.set(Some(format!(
                    "{} {name} ({} KB)…",
                    if dry_run { "Checking" } else { "Importing" },
                    bytes.len() / 1024
                )));
                error.set(None);
                match manage::import(&id, &bytes, dry_run, deactivate).await {
                    Ok(r) => report.set(Some(r)),
                    Err(e) => error.set(Some(e.message())),
                }
                busy.set(None);
            });
        })
    };
    let applied = report.as_ref().is_some_and(|r| r.applied);
    let checked_ok = report
        .as_ref()
        .is_some_and(|r| !r.applied && r.errors.is_empty());
    html! {
        <section aria-labelledby="import-title">
            <h1 id="import-title">{ "Import staff" }</h1>
            <p>{ "A CSV file with the columns name, email, groups (separated by ;), start date and school. " }
                <a href={format!("/api/schools/{}/people/template.csv", props.id)} download="">{ "Download the template" }</a></p>
            <form onsubmit={if checked_ok { run(false) } else { run(true) }} class="panel">
                <label for="csv-file">{ "CSV file" }</label>
                <input id="csv-file" type="file" accept=".csv,text/csv" ref={file} />
                <div class="option">
                    <input id="leavers" type="checkbox" ref={leavers} />
                    <label for="leavers">{ "Mark staff missing from the file as leavers (they are deactivated, never deleted)" }</label>
                </div>
                <button type="submit" class="primary" disabled={busy.is_some()}>
                    { if checked_ok { "Import now" } else { "Check file" } }
                </button>
            </form>
            <p aria-live="polite" class="loading">{ (*busy).clone().unwrap_or_default() }</p>
            if let Some(message) = &*error { <p class="error" role="alert">{ message }</p> }
            if let Some(r) = &*report { { summary(r, applied) } }
        </section>
    }
}

fn summary(r: &ImportReport, applied: bool) -> Html {
    let heading = if applied {
        "Imported"
    } else if r.errors.is_empty() {
        "Ready to import"
    } else {
        "Fix these lines first"
    };
    html! {
        <div aria-live="polite">
            <h2>{ heading }</h2>
            <p>{ format!(
                "{} new, {} changed, {} unchanged, {} returning; {} missing from the file{}.",
                r.created, r.updated, r.unchanged, r.reactivated, r.missing.len(),
                if applied && r.deactivated > 0 { format!(" ({} deactivated)", r.deactivated) } else { String::new() }
            ) }</p>
            if !r.errors.is_empty() {
                <div class="scroll"><table>
                    <caption>{ "Lines that were refused (nothing was imported)" }</caption>
                    <thead><tr><th scope="col">{ "Line" }</th><th scope="col">{ "Reason" }</th></tr></thead>
                    <tbody>{ for r.errors.iter().map(|e| html! { <tr><th scope="row">{ e.line }</th><td>{ &e.reason }</td></tr> }) }</tbody>
                </table></div>
            }
            <div class="scroll"><table>
                <caption>{ "Rows" }</caption>
                <thead><tr><th scope="col">{ "Line" }</th><th scope="col">{ "Name" }</th><th scope="col">{ "Email" }</th>
                    <th scope="col">{ "Groups" }</th><th scope="col">{ "Start" }</th><th scope="col">{ "Action" }</th></tr></thead>
                <tbody>{ for r.rows.iter().map(|row| html! { <tr>
                    <th scope="row">{ row.line }</th><td>{ &row.name }</td><td>{ &row.email }</td>
                    <td>{ row.groups.join(", ") }</td><td>{ row.start_date.to_string() }</td>
                    <td>{ match row.action { RowAction::Create => "new", RowAction::Update => "update",
                        RowAction::Unchanged => "unchanged", RowAction::Reactivate => "returning" } }</td>
                </tr> }) }</tbody>
            </table></div>
        </div>
    }
}
