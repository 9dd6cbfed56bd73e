//! `/manage/organisation`: add, rename and close schools, and rename a trust. The server decides
//! who may do what (a trust's team in its trust, an administrator anywhere, a school's managers
//! only renaming their school) and says so when it refuses.

use attest_domain::api::{count, ManageScope, NamedRef, NewSchool};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::error_summary::{field_message, invalid, ErrorSummary, FieldError};
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::session::{use_session, Session};
use crate::services::{auth, manage, organisation};

/// What a form of the page does.
#[derive(Clone, Copy, PartialEq)]
enum Change {
    AddTrust,
    AddSchool,
    RenameSchool,
    RenameTrust,
    CloseSchool,
    SetTimeZone,
}

/// The value of the input or select with this id.
fn value(id: &str) -> String {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    match element {
        Some(e) => match e.dyn_into::<HtmlInputElement>() {
            Ok(input) if input.type_() == "checkbox" => input.checked().to_string(),
            Ok(input) => input.value(),
            Err(e) => e
                .dyn_into::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default(),
        },
        None => String::new(),
    }
}

/// Sends one change; the words for the status line.
async fn send(change: Change) -> Result<String, FieldError> {
    let missing = |id: &str, words: &str| Err(FieldError::new(id, words));
    let failed = |f: crate::services::requests::ApiFailure| FieldError::new("", f.message());
    match change {
        Change::AddTrust => {
            let name = value("new-trust");
            if name.trim().is_empty() {
                return missing("new-trust", "Enter the new trust's name");
            }
            let made = organisation::create_trust(&name).await;
            made.map(|t| format!("{} is added.", t.name))
                .map_err(failed)
        }
        Change::AddSchool => {
            let name = value("new-school");
            if name.trim().is_empty() {
                return missing("new-school", "Enter the new school's name");
            }
            let trust_id = Some(value("new-school-trust")).filter(|t| !t.is_empty());
            let made = organisation::create_school(&NewSchool { name, trust_id }).await;
            made.map(|s| format!("{} is added.", s.name))
                .map_err(failed)
        }
        Change::RenameSchool | Change::RenameTrust => {
            let (field, place) = match change {
                Change::RenameSchool => ("school-name", "rename-school"),
                _ => ("trust-name", "rename-trust"),
            };
            let name = value(field);
            if name.trim().is_empty() {
                return missing(field, "Enter the new name");
            }
            let done = match change {
                Change::RenameSchool => organisation::rename_school(&value(place), &name).await,
                _ => organisation::rename_trust(&value(place), &name).await,
            };
            done.map(|r| format!("Renamed {}.", r.name)).map_err(failed)
        }
        Change::CloseSchool => {
            if value("close-confirm") != "true" {
                return missing(
                    "close-confirm",
                    "Tick the box to confirm that everyone leaves the school",
                );
            }
            let closed = organisation::close_school(&value("close-school")).await;
            closed
                .map(|c| {
                    let left = count(c.members_left, "member", "members");
                    format!("The school is closed: {left} left it.")
                })
                .map_err(failed)
        }
        Change::SetTimeZone => {
            let zone = value("time-zone");
            if zone.trim().is_empty() {
                return missing("time-zone", "Enter a time zone, such as Europe/London");
            }
            let set = organisation::set_time_zone(&value("zone-school"), &zone).await;
            set.map(|z| format!("Times are now shown on {} time.", z.time_zone))
                .map_err(failed)
        }
    }
}

fn choose(id: &str, label: &str, places: &[NamedRef], none: Option<&str>) -> Html {
    html! { <>
        <label for={id.to_string()}>{ label }</label>
        <select id={id.to_string()}>
            if let Some(none) = none { <option value="">{ none }</option> }
            { for places.iter().map(|p| html! { <option value={p.id.clone()}>{ &p.name }</option> }) }
        </select>
    </> }
}

/// The page.
#[function_component(OrganisationPage)]
pub fn organisation_page() -> Html {
    let reload = use_state(|| 0u32);
    let loaded = use_fetch(*reload, |_| async move { manage::scope().await });
    let problems = use_state(Vec::<FieldError>::new);
    let notice = use_state(|| None::<String>);
    let session = use_session();
    let on = |change: Change| {
        let (problems, notice, reload) = (problems.clone(), notice.clone(), reload.clone());
        let session = session.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (problems, notice, reload) = (problems.clone(), notice.clone(), reload.clone());
            let session = session.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match send(change).await {
                    Ok(words) => {
                        problems.set(Vec::new());
                        notice.set(Some(words));
                        reload.set(*reload + 1);
                        // The school may be the manager's own: every page's clock follows at once.
                        if change == Change::SetTimeZone {
                            if let Ok(me) = auth::me().await {
                                session.set(Session::SignedIn(me));
                            }
                        }
                    }
                    Err(problem) => {
                        notice.set(None);
                        problems.set(vec![problem]);
                    }
                }
            });
        })
    };
    let Load::Loaded(ManageScope { schools, trusts }) = &*loaded else {
        return placeholder(&loaded, "your schools and trusts");
    };
    html! {
        <section aria-labelledby="organisation-title">
            <h1 id="organisation-title">{ "Schools and trusts" }</h1>
            <ErrorSummary errors={(*problems).clone()} />
            <div role="status">
                if let Some(words) = &*notice { <p class="notice" id="organisation-done">{ words }</p> }
            </div>
            <form class="panel" onsubmit={on(Change::AddSchool)} novalidate=true>
                <h2>{ "Add a school" }</h2>
                <label for="new-school">{ "School name" }</label>
                { field_message(&problems, "new-school") }
                <input id="new-school" aria-invalid={invalid(&problems, "new-school")} />
                { choose("new-school-trust", "Trust", trusts, (trusts.is_empty()).then_some("On its own")) }
                <button type="submit" class="primary" id="add-school">{ "Add the school" }</button>
            </form>
            <form class="panel" onsubmit={on(Change::RenameSchool)} novalidate=true>
                <h2>{ "Rename a school" }</h2>
                { choose("rename-school", "School", schools, None) }
                <label for="school-name">{ "New name" }</label>
                { field_message(&problems, "school-name") }
                <input id="school-name" aria-invalid={invalid(&problems, "school-name")} />
                <button type="submit" id="rename-school-button">{ "Rename the school" }</button>
            </form>
            <form class="panel" onsubmit={on(Change::SetTimeZone)} novalidate=true>
                <h2>{ "Set a school's time zone" }</h2>
                <p id="time-zone-hint" class="hint">{ "Times on receipts, logs and reports are shown on the school's clock. Use a name such as Europe/London (the usual one) or Europe/Dublin." }</p>
                { choose("zone-school", "School", schools, None) }
                <label for="time-zone">{ "Time zone" }</label>
                { field_message(&problems, "time-zone") }
                <input id="time-zone" aria-describedby="time-zone-hint" aria-invalid={invalid(&problems, "time-zone")} />
                <button type="submit" id="set-time-zone">{ "Set the time zone" }</button>
            </form>
            if !trusts.is_empty() {
                <form class="panel" onsubmit={on(Change::RenameTrust)} novalidate=true>
                    <h2>{ "Rename a trust" }</h2>
                    { choose("rename-trust", "Trust", trusts, None) }
                    <label for="trust-name">{ "New name" }</label>
                    { field_message(&problems, "trust-name") }
                    <input id="trust-name" aria-invalid={invalid(&problems, "trust-name")} />
                    <button type="submit" id="rename-trust-button">{ "Rename the trust" }</button>
                </form>
            }
            <form class="panel" onsubmit={on(Change::AddTrust)} novalidate=true>
                <h2>{ "Add a trust (administrators)" }</h2>
                <label for="new-trust">{ "Trust name" }</label>
                { field_message(&problems, "new-trust") }
                <input id="new-trust" aria-invalid={invalid(&problems, "new-trust")} />
                <button type="submit" id="add-trust">{ "Add the trust" }</button>
            </form>
            <form class="panel" onsubmit={on(Change::CloseSchool)} novalidate=true>
                <h2>{ "Close a school" }</h2>
                <p>{ "Everyone leaves the school today and nobody manages it any more. Its policies, attempts and attestations stay, as evidence." }</p>
                { choose("close-school", "School", schools, None) }
                { field_message(&problems, "close-confirm") }
                <div class="option">
                    <input id="close-confirm" type="checkbox" aria-invalid={invalid(&problems, "close-confirm")} />
                    <label for="close-confirm">{ "I understand that everyone leaves this school" }</label>
                </div>
                <button type="submit" class="warning" id="close-school-button">{ "Close the school" }</button>
            </form>
        </section>
    }
}
