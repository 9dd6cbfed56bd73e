//! A school's holiday calendar: no reminders go out during a holiday, and deadlines in one move to the first day back.

use attest_domain::api::{long_date, Holiday, NewHoliday};
use chrono::NaiveDate;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::error_summary::{checked_input, ErrorSummary, FieldError};
use crate::components::outcome::OutcomeRegions;
use crate::components::scroll_box::ScrollBox;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::services::reminders;

/// Props of [`HolidaysPage`].
#[derive(Properties, PartialEq)]
pub struct HolidaysProps {
    /// The school.
    pub id: String,
}

fn value(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The holiday the form describes, or what is wrong with each field.
fn read_holiday(
    name: &NodeRef,
    first: &NodeRef,
    last: &NodeRef,
) -> Result<NewHoliday, Vec<FieldError>> {
    let day = |r: &NodeRef| value(r).parse::<NaiveDate>().ok();
    let name = value(name).trim().to_string();
    let (first_day, last_day) = (day(first), day(last));
    let mut problems = Vec::new();
    if name.is_empty() {
        problems.push(FieldError::new(
            "h-name",
            "Give the holiday a name, such as \u{201c}October half term\u{201d}",
        ));
    }
    if first_day.is_none() {
        problems.push(FieldError::new("h-first", "Enter the first day off"));
    }
    match (first_day, last_day) {
        (_, None) => problems.push(FieldError::new("h-last", "Enter the last day off")),
        (Some(f), Some(l)) if l < f => problems.push(FieldError::new(
            "h-last",
            "Enter a last day off on or after the first",
        )),
        _ => {}
    }
    match (first_day, last_day) {
        (Some(first_day), Some(last_day)) if problems.is_empty() => Ok(NewHoliday {
            name,
            first_day,
            last_day,
        }),
        _ => Err(problems),
    }
}

/// The holidays page: the list, a form to add one, and a button to remove each.
#[function_component(HolidaysPage)]
pub fn holidays_page(props: &HolidaysProps) -> Html {
    let reload = use_state(|| 0u32);
    let load = use_fetch(
        (props.id.clone(), *reload),
        |(id, _): (String, u32)| async move { reminders::holidays(&id).await },
    );
    let (name, first, last) = (use_node_ref(), use_node_ref(), use_node_ref());
    let message = use_state(|| None::<Result<String, String>>);
    let problems = use_state(Vec::<FieldError>::new);
    let onsubmit = {
        let (name, first, last) = (name.clone(), first.clone(), last.clone());
        let (message, problems) = (message.clone(), problems.clone());
        let (reload, id) = (reload.clone(), props.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let holiday = match read_holiday(&name, &first, &last) {
                Ok(h) => h,
                Err(found) => return problems.set(found),
            };
            problems.set(Vec::new());
            let (message, problems) = (message.clone(), problems.clone());
            let (reload, id) = (reload.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match reminders::add_holiday(&id, &holiday).await {
                    Ok(h) => {
                        message.set(Some(Ok(format!("Added {}.", h.name))));
                        reload.set(*reload + 1);
                    }
                    Err(e) => problems.set(vec![FieldError::new("", e.message())]),
                }
            });
        })
    };
    let ondelete = {
        let (message, reload, id) = (message.clone(), reload.clone(), props.id.clone());
        Callback::from(move |h: Holiday| {
            let (message, reload, id) = (message.clone(), reload.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match reminders::delete_holiday(&id, &h.id).await {
                    Ok(()) => {
                        message.set(Some(Ok(format!("Removed {}.", h.name))));
                        reload.set(*reload + 1);
                    }
                    Err(e) => message.set(Some(Err(e.message()))),
                }
            });
        })
    };
    html! {
        <section aria-labelledby="holidays-title">
            <h1 id="holidays-title">{ "School holidays" }</h1>
            <p>{ "No reminders are sent during a holiday; what falls due in one is sent, and due, on the first day back." }</p>
            <nav aria-label="This school" class="actions">
                <Link<Route> to={Route::SchoolDashboard { id: props.id.clone() }} classes="button secondary">{ "Dashboard" }</Link<Route>>
                <Link<Route> to={Route::ReminderLog { school_id: props.id.clone() }} classes="button secondary">{ "Reminder log" }</Link<Route>>
            </nav>
            <ErrorSummary errors={(*problems).clone()} />
            <form class="panel holiday-form" {onsubmit} novalidate=true>
                <h2>{ "Add a holiday" }</h2>
                { checked_input("h-name", "Name", "text", None, &name, &problems) }
                { checked_input("h-first", "First day off", "date", None, &first, &problems) }
                { checked_input("h-last", "Last day off", "date", None, &last, &problems) }
                <button type="submit" class="primary">{ "Add holiday" }</button>
            </form>
            <OutcomeRegions outcome={(*message).clone()} />
            { match &*load {
                Load::Loaded(list) => holiday_table(list, &ondelete),
                other => placeholder(other, "the holidays"),
            } }
        </section>
    }
}

fn holiday_table(list: &[Holiday], ondelete: &Callback<Holiday>) -> Html {
    if list.is_empty() {
        return html! { <p>{ "No holidays entered yet." }</p> };
    }
    html! {
        <ScrollBox label="Holidays">
            <table class="holidays">
                <caption>{ format!("Holidays ({})", list.len()) }</caption>
                <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "From" }</th><th scope="col">{ "To" }</th><th scope="col">{ "Remove" }</th></tr></thead>
                <tbody>{ for list.iter().map(|h| {
                    let onclick = { let (h, ondelete) = (h.clone(), ondelete.clone()); Callback::from(move |_: MouseEvent| ondelete.emit(h.clone())) };
                    html! { <tr>
                        <th scope="row">{ &h.name }</th><td>{ long_date(h.first_day) }</td><td>{ long_date(h.last_day) }</td>
                        <td><button type="button" class="secondary" {onclick} aria-label={format!("Remove {}", h.name)}>{ "Remove" }</button></td>
                    </tr> }
                }) }</tbody>
            </table>
        </ScrollBox>
    }
}
