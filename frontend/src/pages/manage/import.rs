//! Staff import: choose a file (the template or an MIS export), check it (the columns read,
//! each changeable; who is added, changed and marked as a leaver; per-line errors), then
//! import exactly what was checked.

mod review;

use attest_domain::api::{count, ImportColumns, ImportReport};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::error_summary::{
    described_by, field_message, invalid, ErrorSummary, FieldError,
};
use crate::services::manage::{self, ImportRequest};
use crate::services::requests::UploadProgress;
use review::{column, summary, with_column, ColumnSelect, DETAILS};

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
/// The live region is always in the page, its text changed, so screen readers read it.
fn progress_view(p: Option<&Progress>) -> Html {
    let kb = |b: f64| (b / 1024.0).ceil();
    let uploading = p.is_some_and(|p| p.sent < p.total);
    let text = match p {
        None => String::new(),
        Some(p) if uploading => format!(
            "{} {}: sent {} of {} KB ({})…",
            p.verb,
            p.file,
            kb(p.sent),
            kb(p.total),
            count(p.rows as u64, "row", "rows")
        ),
        Some(p) => format!(
            "{} {}: all {} KB sent; the server is working through {}…",
            p.verb,
            p.file,
            kb(p.total),
            count(p.rows as u64, "row", "rows")
        ),
    };
    html! {
        <div class="import-progress">
            if let Some(p) = p {
                <label for="import-progress">{ if uploading { "Upload" } else { "Processing" } }</label>
                if uploading {
                    <progress id="import-progress" max={p.total.to_string()} value={p.sent.to_string()}></progress>
                } else {
                    <progress id="import-progress"></progress>
                }
            }
            <p aria-live="polite" class="loading">{ text }</p>
        </div>
    }
}

/// The file field's id.
const FILE: &str = "csv-file";

/// Props of [`ImportPage`].
#[derive(Properties, PartialEq)]
pub struct ImportProps {
    /// The school's id.
    pub id: String,
}

/// A checked file: the report, and whether leavers were to be marked when it was checked.
#[derive(Debug, Clone, PartialEq)]
struct Checked {
    report: ImportReport,
    deactivate: bool,
}

/// The import page.
#[function_component(ImportPage)]
pub fn import_page(props: &ImportProps) -> Html {
    let file = use_node_ref();
    let leavers = use_node_ref();
    let checked = use_state(|| None::<Checked>);
    // The columns as the manager last set them; a change asks for a new check.
    let columns = use_state(|| None::<ImportColumns>);
    let stale = use_state(|| false);
    let busy = use_state(|| None::<Progress>);
    let problems = use_state(Vec::<FieldError>::new);
    let ready = checked
        .as_ref()
        .is_some_and(|c| !c.report.applied && c.report.errors.is_empty() && !*stale);
    let onsubmit = {
        let (file, leavers, checked, columns, stale, busy, problems, id) = (
            file.clone(),
            leavers.clone(),
            checked.clone(),
            columns.clone(),
            stale.clone(),
            busy.clone(),
            problems.clone(),
            props.id.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (file, leavers, checked, columns, stale, busy, problems, id) = (
                file.clone(),
                leavers.clone(),
                checked.clone(),
                columns.clone(),
                stale.clone(),
                busy.clone(),
                problems.clone(),
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
                    problems.set(vec![FieldError::new(FILE, "Choose a staff file first")]);
                    return;
                };
                // Import only what was checked: the same columns, the same leavers.
                let confirm = checked
                    .as_ref()
                    .filter(|c| !c.report.applied && c.report.errors.is_empty() && !*stale)
                    .map(|c| c.report.leavers_confirmation.clone());
                let request = ImportRequest {
                    dry_run: confirm.is_none(),
                    deactivate_missing: deactivate,
                    confirm_leavers: confirm,
                    columns: (*columns).clone(),
                };
                let start = Progress {
                    verb: if request.dry_run {
                        "Checking"
                    } else {
                        "Importing"
                    },
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
                problems.set(Vec::new());
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
                match manage::import(&id, &bytes, &request, on_progress).await {
                    Ok(report) => {
                        if !request.dry_run && !report.applied && report.errors.is_empty() {
                            problems.set(vec![FieldError::new(
                                "",
                                "The school's staff changed since the check: look again, then import",
                            )]);
                        }
                        columns.set(Some(report.columns.clone()));
                        stale.set(false);
                        checked.set(Some(Checked { report, deactivate }));
                    }
                    Err(e) => problems.set(vec![FieldError::new("", e.message())]),
                }
                busy.set(None);
            });
        })
    };
    let on_column = {
        let (columns, stale) = (columns.clone(), stale.clone());
        Callback::from(move |(key, heading): (&'static str, String)| {
            let current = (*columns).clone().unwrap_or_default();
            columns.set(Some(with_column(&current, key, heading)));
            stale.set(true);
        })
    };
    let on_change = {
        let stale = stale.clone();
        Callback::from(move |_: Event| stale.set(true))
    };
    let on_file = {
        let (columns, checked) = (columns.clone(), checked.clone());
        Callback::from(move |_: Event| {
            // A new file is read afresh: the server guesses, or uses the school's last choice.
            columns.set(None);
            checked.set(None);
        })
    };
    let headers = checked
        .as_ref()
        .map(|c| c.report.headers.clone())
        .unwrap_or_default();
    let chosen = (*columns).clone().unwrap_or_default();
    html! {
        <section aria-labelledby="import-title">
            <h1 id="import-title">{ "Import staff" }</h1>
            <p>{ "A CSV or tab-separated file: the template (name, email, groups separated by ;, start date, school) \
                  or your MIS's staff export as it is. You choose which column holds what after the check. " }
                <a href={format!("/api/schools/{}/people/template.csv", props.id)} download="">{ "Download the template" }</a></p>
            <p><Link<Route> to={Route::NewPerson { id: props.id.clone() }}>{ "Or add one person with a form" }</Link<Route>></p>
            <ErrorSummary errors={(*problems).clone()} />
            <form {onsubmit} class="panel" novalidate=true>
                <label for={FILE}>{ "Staff file" }</label>
                { field_message(&problems, FILE) }
                <input id={FILE} type="file" accept=".csv,.txt,.tsv,text/csv,text/plain" ref={file} onchange={on_file}
                    aria-invalid={invalid(&problems, FILE)} aria-describedby={described_by(&problems, FILE, None)} />
                <div class="option">
                    <input id="leavers" type="checkbox" ref={leavers} onchange={on_change} />
                    <label for="leavers">{ "Mark staff missing from the file as leavers (they are deactivated, never deleted)" }</label>
                </div>
                if !headers.is_empty() {
                    <fieldset class="columns">
                        <legend>{ "Columns" }</legend>
                        { for DETAILS.iter().map(|(key, label)| html! {
                            <ColumnSelect key_name={*key} label={*label} headers={headers.clone()}
                                value={column(&chosen, key)} onchange={on_column.clone()} />
                        }) }
                    </fieldset>
                }
                <button type="submit" class="primary" disabled={busy.is_some()}>
                    { if ready { "Import now" } else { "Check file" } }
                </button>
            </form>
            { progress_view(busy.as_ref()) }
            // Always in the page, so what the check found is read out when it arrives.
            <div aria-live="polite" class="import-result">
                if let Some(c) = &*checked { { summary(&c.report, c.deactivate) } }
            </div>
        </section>
    }
}
