//! The public check of a receipt code: a box to type the code into, then name, policy, version
//! and date only.

use attest_domain::api::long_date;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::error_summary::{
    described_by, field_message, invalid, ErrorSummary, FieldError,
};
use crate::hooks::fetch::{use_fetch, Load};
use crate::services::modules;
use crate::services::requests::ApiFailure;

/// The code field's id.
const FIELD: &str = "verify-code";

/// Props of [`Verify`].
#[derive(Properties, PartialEq)]
pub struct VerifyProps {
    /// The code from the receipt; none shows only the box to type it into.
    pub code: Option<String>,
}

/// The form, and (with a code) whether an attestation with it exists.
#[function_component(Verify)]
pub fn verify(props: &VerifyProps) -> Html {
    let field = use_node_ref();
    let problems = use_state(Vec::<FieldError>::new);
    let navigator = use_navigator();
    let onsubmit = {
        let (field, problems) = (field.clone(), problems.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let code = field
                .cast::<HtmlInputElement>()
                .map(|i| i.value().trim().to_uppercase())
                .unwrap_or_default();
            if code.is_empty() {
                problems.set(vec![FieldError::new(
                    FIELD,
                    "Enter the code from the receipt, for example ABCD-2345",
                )]);
                return;
            }
            problems.set(Vec::new());
            if let Some(nav) = &navigator {
                nav.push(&Route::Verify { code });
            }
        })
    };
    html! {
        <section class="panel narrow" aria-labelledby="verify-title">
            <h1 id="verify-title">{ "Check an attestation" }</h1>
            <p class="lead">{ "Type the verification code printed on an attestation receipt to check that it is genuine." }</p>
            <ErrorSummary errors={(*problems).clone()} />
            <form {onsubmit} novalidate=true class="verify-form">
                <label for={FIELD}>{ "Verification code" }</label>
                { field_message(&problems, FIELD) }
                <input id={FIELD} name="code" type="text" autocomplete="off" spellcheck="false"
                    autocapitalize="characters" value={props.code.clone().unwrap_or_default()} ref={field}
                    aria-invalid={invalid(&problems, FIELD)} aria-describedby={described_by(&problems, FIELD, None)} />
                <button type="submit" class="primary">{ "Check" }</button>
            </form>
            // Always in the page, so the result put in it is read.
            <div role="status" aria-live="polite">
                if let Some(code) = &props.code {
                    <Outcome code={code.clone()} />
                }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct OutcomeProps {
    code: String,
}

/// What the server says about one code.
#[function_component(Outcome)]
fn outcome(props: &OutcomeProps) -> Html {
    let load = use_fetch(props.code.clone(), |code: String| async move {
        modules::verify(&code).await
    });
    match &*load {
        Load::Loading => html! { <p class="loading">{ "Checking…" }</p> },
        Load::Failed(ApiFailure::NotFound(_)) => html! {
            <p class="error" id="verify-result">{ format!("No attestation has the code {}. Check it was typed correctly.", props.code) }</p>
        },
        Load::Failed(other) => html! {
            <p class="error" id="verify-result">{ other.message() }</p>
        },
        Load::Loaded(v) => html! {
            <div id="verify-result">
                <p class="verdict pass">{ format!("Valid attestation found for code {}.", props.code) }</p>
                <dl class="facts">
                    <dt>{ "Name" }</dt><dd id="verify-name">{ &v.name }</dd>
                    <dt>{ "Policy" }</dt><dd>{ &v.policy }</dd>
                    <dt>{ "Version" }</dt><dd>{ &v.version }</dd>
                    <dt>{ "Date" }</dt><dd>{ long_date(v.date) }</dd>
                </dl>
            </div>
        },
    }
}
