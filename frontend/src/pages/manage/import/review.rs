//! What the import page shows about a checked file: the columns read (each one changeable),
//! the counts, "check your answers" naming who is added, changed and marked as a leaver, and
//! the rows and refused lines.

use attest_domain::api::{long_date, sentence, ImportColumns, ImportReport, ImportRow, RowAction};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::scroll_box::ScrollBox;
use crate::hooks::select::use_select_value;

/// Rows of the report shown on the page; a 10,000-line file would make a page too long to use.
const ROWS_SHOWN: usize = 200;
/// Names listed per kind of change under "check your answers" before "and N more".
const NAMES_SHOWN: usize = 30;

/// The details a column can hold, with their labels.
pub const DETAILS: [(&str, &str); 7] = [
    ("name", "Whole name"),
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email"),
    ("groups", "Groups or role"),
    ("start_date", "Start date"),
    ("school", "School"),
];

/// The heading chosen for `key`.
pub fn column(c: &ImportColumns, key: &str) -> Option<String> {
    match key {
        "name" => c.name.clone(),
        "first_name" => c.first_name.clone(),
        "last_name" => c.last_name.clone(),
        "email" => c.email.clone(),
        "groups" => c.groups.clone(),
        "start_date" => c.start_date.clone(),
        _ => c.school.clone(),
    }
}

/// `c` with `key` read from `heading` (empty: no column).
pub fn with_column(c: &ImportColumns, key: &str, heading: String) -> ImportColumns {
    let mut c = c.clone();
    let value = Some(heading).filter(|h| !h.is_empty());
    match key {
        "name" => c.name = value,
        "first_name" => c.first_name = value,
        "last_name" => c.last_name = value,
        "email" => c.email = value,
        "groups" => c.groups = value,
        "start_date" => c.start_date = value,
        _ => c.school = value,
    }
    c
}

/// Props of [`ColumnSelect`].
#[derive(Properties, PartialEq)]
pub struct ColumnSelectProps {
    /// Which detail (a key of [`DETAILS`]).
    pub key_name: &'static str,
    /// Its label.
    pub label: &'static str,
    /// The file's headings.
    pub headers: Vec<String>,
    /// The heading read now.
    pub value: Option<String>,
    /// A new heading chosen (empty: none).
    pub onchange: Callback<(&'static str, String)>,
}

/// One detail's column, chosen from the file's headings.
#[function_component(ColumnSelect)]
pub fn column_select(props: &ColumnSelectProps) -> Html {
    let node = use_node_ref();
    use_select_value(
        &node,
        props.value.clone().unwrap_or_default(),
        props.headers.clone(),
    );
    let onchange = {
        let (node, cb, key) = (node.clone(), props.onchange.clone(), props.key_name);
        Callback::from(move |_: Event| {
            if let Some(select) = node.cast::<HtmlSelectElement>() {
                cb.emit((key, select.value()));
            }
        })
    };
    let id = format!("column-{}", props.key_name);
    html! {
        <div class="field">
            <label for={id.clone()}>{ props.label }</label>
            <select id={id} ref={node} {onchange}>
                <option value="">{ "(not in the file)" }</option>
                { for props.headers.iter().map(|h| html! { <option value={h.clone()}>{ h }</option> }) }
            </select>
        </div>
    }
}

/// Names of the rows with `action`, as a sentence-sized list.
fn names(rows: &[&ImportRow]) -> Html {
    let more = rows.len().saturating_sub(NAMES_SHOWN);
    html! {
        <>
            { rows.iter().take(NAMES_SHOWN).map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ") }
            if more > 0 { { format!(" and {more} more") } }
        </>
    }
}

/// Who the import adds, changes and marks as a leaver, by name.
fn check_your_answers(r: &ImportReport, deactivate: bool) -> Html {
    let of = |action: RowAction| {
        r.rows
            .iter()
            .filter(|row| row.action == action)
            .collect::<Vec<_>>()
    };
    let kinds = [
        ("Added", of(RowAction::Create)),
        ("Changed", of(RowAction::Update)),
        ("Returning", of(RowAction::Reactivate)),
        (
            "Asked to confirm (they work at another school)",
            of(RowAction::Invite),
        ),
    ];
    let leavers = if deactivate {
        "Marked as leavers (deactivated, never deleted)"
    } else {
        "Missing from the file (they stay active)"
    };
    html! {
        <div class="check-answers">
            <h3>{ "Check your answers" }</h3>
            <dl>
                { for kinds.iter().filter(|(_, rows)| !rows.is_empty()).map(|(label, rows)| html! {
                    <><dt>{ format!("{label} ({})", rows.len()) }</dt><dd>{ names(rows) }</dd></>
                }) }
                if !r.leavers.is_empty() {
                    <dt>{ format!("{leavers} ({})", r.leavers.len()) }</dt>
                    <dd><ul class="leavers">
                        { for r.leavers.iter().map(|l| html! { <li>{ format!("{} ({})", l.name, l.email) }</li> }) }
                    </ul></dd>
                }
            </dl>
        </div>
    }
}

/// The checked file: counts, check your answers, refused lines and rows.
pub fn summary(r: &ImportReport, deactivate: bool) -> Html {
    let heading = if r.applied {
        "Imported"
    } else if !r.errors.is_empty() {
        "Fix these lines first"
    } else if r.rows.is_empty() && r.leavers.is_empty() {
        "Nothing to import"
    } else {
        "Ready to import"
    };
    html! {
        <div>
            <h2>{ heading }</h2>
            <p>{ format!(
                "{} new, {} changed, {} unchanged, {} returning, {} asked to confirm; {} missing from the file{}.",
                r.created, r.updated, r.unchanged, r.reactivated, r.invited, r.missing.len(),
                if r.applied && r.deactivated > 0 { format!(" ({} deactivated)", r.deactivated) } else { String::new() }
            ) }</p>
            if r.applied && r.created + r.reactivated > 0 {
                <p class="next-steps">{ "What happens next: new and returning staff are sent their welcome now, with their policies and deadlines, and reminders follow as deadlines come near. You do not need to press \u{201c}remind now\u{201d}." }</p>
            }
            if !r.applied && r.errors.is_empty() { { check_your_answers(r, deactivate) } }
            if !r.errors.is_empty() {
                <ScrollBox label="Lines that were refused"><table>
                    <caption>{ if r.errors.len() > ROWS_SHOWN {
                        format!("Lines that were refused, nothing was imported (the first {ROWS_SHOWN} of {})", r.errors.len())
                    } else {
                        format!("Lines that were refused, nothing was imported ({})", r.errors.len())
                    } }</caption>
                    <thead><tr><th scope="col">{ "Line" }</th><th scope="col">{ "Reason" }</th></tr></thead>
                    <tbody>{ for r.errors.iter().take(ROWS_SHOWN).map(|e| html! { <tr><th scope="row">{ e.line }</th><td>{ sentence(&e.reason) }</td></tr> }) }</tbody>
                </table></ScrollBox>
            }
            <ScrollBox label="Rows of the file"><table>
                <caption>{ if r.rows.len() > ROWS_SHOWN {
                    format!("Rows (the first {ROWS_SHOWN} of {})", r.rows.len())
                } else {
                    format!("Rows ({})", r.rows.len())
                } }</caption>
                <thead><tr><th scope="col">{ "Line" }</th><th scope="col">{ "Name" }</th><th scope="col">{ "Email" }</th>
                    <th scope="col">{ "Groups" }</th><th scope="col">{ "Start" }</th><th scope="col">{ "Action" }</th></tr></thead>
                <tbody>{ for r.rows.iter().take(ROWS_SHOWN).map(|row| html! { <tr>
                    <th scope="row">{ row.line }</th><td>{ &row.name }</td><td>{ &row.email }</td>
                    <td>{ row.groups.join(", ") }</td><td>{ long_date(row.start_date) }</td>
                    <td>{ match row.action { RowAction::Create => "New", RowAction::Update => "Update",
                        RowAction::Unchanged => "Unchanged", RowAction::Reactivate => "Returning",
                        RowAction::Invite => "Asked to confirm (works at another school)" } }</td>
                </tr> }) }</tbody>
            </table></ScrollBox>
        </div>
    }
}
