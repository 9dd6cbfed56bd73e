//! Staff import: choose a CSV, check it (preview with per-line errors), then import it.

use attest_domain::api::{ImportReport, RowAction};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::services::manage;
use crate::services::requests::UploadProgress;

/// Rows of the report shown on the page; a 10,000-line file would make a page too long to use.
const ROWS_SHOWN: usize = 200;

/// An import under way: the file, its rows, and how much of it has reached the server.
#[derive(Debug, Clone, PartialEq)]
struct Progress {
    verb: &'static str,
    file: String,
    rows: usize,
    sent: f64,
    total: f64,
}

/// Upload progress while sending, then the server's work on the rows (its length unknown).
fn progress_view(p: Option<&Progress>) -> Html {
    let Some(p) = p else {
        return html! { <p aria-live="polite" class="loading"></p> };
    };
    let kb = |b: f64| (b / 1024.0).ceil();
    let uploading = p.sent < p.total;
    let text = if uploading {
        format!(
            "{} {}: sent {} of {} KB ({} rows)…",
            p.verb,
            p.file,
            kb(p.sent),
            kb(p.total),
            p.rows
        )
    } else {
        format!(
            "{} {}: all {} KB sent; the server is working through {} rows…",
            p.verb,
            p.file,
            kb(p.total),
            p.rows
        )
    };
    html! {
        <div class="import-progress">
            <label for="import-progress">{ if uploading { "Upload" } else { "Processing" } }</label>
            if uploading {
                <progress id="import-progress" max={p.total.to_string()} value={p.sent.to_string()}></progress>
            } else {
                <progress id="import-progress"></progress>
            }
            <p aria-live="polite" class="loading">{ text }</p>
        </div>
    }
}

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
    let busy = use_state(|| None::<Progress>);
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
                let start = Progress {
                    verb: if dry_run { "Checking" } else { "Importing" },
                    file: name,
                    // Lines after the header: what the server will work through.
                    rows: bytes
                        .split(|b| *b == b'\n')
                        .filter(|l| !l.is_empty())
                        .count()
                        .saturating_sub(1),
                    sent: 0.0,
                    total: bytes.len() as f64,
                };
                busy.set(Some(start.clone()));
                error.set(None);
                let on_progress = {
                    let busy = busy.clone();
                    move |p: UploadProgress| {
                        busy.set(Some(Progress {
                            sent: p.sent,
                            total: p.total,
                            ..start.clone()
                        }));
                    }
                };
                match manage::import(&id, &bytes, dry_run, deactivate, on_progress).await {
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
            <p><Link<Route> to={Route::NewPerson { id: props.id.clone() }}>{ "Or add one person with a form" }</Link<Route>></p>
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
            { progress_view(busy.as_ref()) }
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
                "{} new, {} changed, {} unchanged, {} returning, {} asked to confirm; {} missing from the file{}.",
                r.created, r.updated, r.unchanged, r.reactivated, r.invited, r.missing.len(),
                if applied && r.deactivated > 0 { format!(" ({} deactivated)", r.deactivated) } else { String::new() }
            ) }</p>
            if !r.errors.is_empty() {
                <div class="scroll" tabindex="0"><table>
                    <caption>{ if r.errors.len() > ROWS_SHOWN {
                        format!("Lines that were refused, nothing was imported (the first {ROWS_SHOWN} of {})", r.errors.len())
                    } else {
                        format!("Lines that were refused, nothing was imported ({})", r.errors.len())
                    } }</caption>
                    <thead><tr><th scope="col">{ "Line" }</th><th scope="col">{ "Reason" }</th></tr></thead>
                    <tbody>{ for r.errors.iter().take(ROWS_SHOWN).map(|e| html! { <tr><th scope="row">{ e.line }</th><td>{ &e.reason }</td></tr> }) }</tbody>
                </table></div>
            }
            <div class="scroll" tabindex="0"><table>
                <caption>{ if r.rows.len() > ROWS_SHOWN {
                    format!("Rows (the first {ROWS_SHOWN} of {})", r.rows.len())
                } else {
                    format!("Rows ({})", r.rows.len())
                } }</caption>
                <thead><tr><th scope="col">{ "Line" }</th><th scope="col">{ "Name" }</th><th scope="col">{ "Email" }</th>
                    <th scope="col">{ "Groups" }</th><th scope="col">{ "Start" }</th><th scope="col">{ "Action" }</th></tr></thead>
                <tbody>{ for r.rows.iter().take(ROWS_SHOWN).map(|row| html! { <tr>
                    <th scope="row">{ row.line }</th><td>{ &row.name }</td><td>{ &row.email }</td>
                    <td>{ row.groups.join(", ") }</td><td>{ row.start_date.to_string() }</td>
                    <td>{ match row.action { RowAction::Create => "new", RowAction::Update => "update",
                        RowAction::Unchanged => "unchanged", RowAction::Reactivate => "returning",
                        RowAction::Invite => "asked to confirm (works at another school)" } }</td>
                </tr> }) }</tbody>
            </table></div>
        </div>
    }
}
