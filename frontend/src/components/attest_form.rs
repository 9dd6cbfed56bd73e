//! The attestation statement and the button that signs it.

use attest_domain::api::{statement, ModuleView};
use chrono::NaiveDate;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::error_summary::{
    described_by, field_message, focus_field, invalid, ErrorSummary, FieldError,
};
use crate::components::outcome::AlertRegion;
use crate::hooks::session::{report_failure, use_session};
use crate::services::modules;

/// Props of [`AttestForm`].
#[derive(Properties, PartialEq)]
pub struct AttestFormProps {
    /// The passed attempt.
    pub attempt_id: String,
    /// The module it tested.
    pub module: ModuleView,
    /// The signer's name.
    pub name: String,
}

/// The confirmation box's id.
const CONFIRM: &str = "confirm";

/// Today's date in UTC, from the browser's clock (the server records the real time).
fn today() -> NaiveDate {
    let iso = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    iso.get(..10)
        .unwrap_or("")
        .parse::<NaiveDate>()
        .unwrap_or_default()
}

/// Shows the statement, asks for confirmation, signs, and opens the receipt.
#[function_component(AttestForm)]
pub fn attest_form(props: &AttestFormProps) -> Html {
    let confirm = use_node_ref();
    let error = use_state(|| None::<String>);
    let problems = use_state(Vec::<FieldError>::new);
    let busy = use_state(|| false);
    let navigator = use_navigator();
    let session = use_session();
    let m = &props.module;
    let text = statement(
        &props.name,
        &m.title,
        &m.version_label,
        &m.school_name,
        today(),
    );
    let onsubmit = {
        let (confirm, error, busy) = (confirm.clone(), error.clone(), busy.clone());
        let problems = problems.clone();
        let attempt_id = props.attempt_id.clone();
        let session = session.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let ticked = confirm
                .cast::<HtmlInputElement>()
                .is_some_and(|c| c.checked());
            if !ticked {
                focus_field(CONFIRM);
                problems.set(vec![FieldError::new(
                    CONFIRM,
                    "Tick the box to confirm the statement",
                )]);
                return;
            }
            problems.set(Vec::new());
            let (error, busy, navigator, attempt_id, session) = (
                error.clone(),
                busy.clone(),
                navigator.clone(),
                attempt_id.clone(),
                session.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match modules::attest(&attempt_id).await {
                    Ok(receipt) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::Receipt { id: receipt.id });
                        }
                    }
                    Err(e) => {
                        report_failure(&session, &e);
                        error.set(Some(e.message()));
                        busy.set(false);
                    }
                }
            });
        })
    };
    html! {
        <form class="card attest" {onsubmit} novalidate=true aria-labelledby="attest-title">
            <h2 id="attest-title">{ "Sign your attestation" }</h2>
            <ErrorSummary errors={(*problems).clone()} take_focus={false} />
            <blockquote class="statement">{ text }</blockquote>
            { field_message(&problems, CONFIRM) }
            <div class="option">
                <input type="checkbox" id={CONFIRM} ref={confirm} aria-invalid={invalid(&problems, CONFIRM)}
                    aria-describedby={described_by(&problems, CONFIRM, None)} />
                <label for={CONFIRM}>{ "I confirm this statement" }</label>
            </div>
            <AlertRegion message={(*error).clone()} />
            <button type="submit" class="primary" disabled={*busy}>{ if *busy { "Signing…" } else { "Sign attestation" } }</button>
        </form>
    }
}
