//! The second step of signing in: a code from the authenticator app, or a recovery code.

use attest_domain::api::Me;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::error_summary::{
    described_by, field_message, invalid, ErrorSummary, FieldError,
};
use crate::services::two_factor;

/// The field's id.
const CODE: &str = "two-factor-code";

/// Props of [`TwoFactorCodeForm`].
#[derive(Properties, PartialEq)]
pub struct TwoFactorCodeProps {
    /// The challenge the first step answered.
    pub challenge: String,
    /// Signed in: the person.
    pub onsignedin: Callback<Me>,
}

/// Asks for the code and completes the sign-in.
#[function_component(TwoFactorCodeForm)]
pub fn two_factor_code_form(props: &TwoFactorCodeProps) -> Html {
    let code = use_node_ref();
    let problems = use_state(Vec::<FieldError>::new);
    let busy = use_state(|| false);
    let onsubmit = {
        let (code, problems, busy) = (code.clone(), problems.clone(), busy.clone());
        let (challenge, onsignedin) = (props.challenge.clone(), props.onsignedin.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = code
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if typed.trim().is_empty() {
                problems.set(vec![FieldError::new(
                    CODE,
                    "Enter the code from your authenticator app",
                )]);
                return;
            }
            let (problems, busy, challenge, onsignedin) = (
                problems.clone(),
                busy.clone(),
                challenge.clone(),
                onsignedin.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match two_factor::complete(challenge, typed).await {
                    Ok(me) => onsignedin.emit(me),
                    Err(failure) => {
                        problems.set(vec![FieldError::new(CODE, failure.message())]);
                        busy.set(false);
                    }
                }
            });
        })
    };
    html! {
        <>
            <ErrorSummary errors={(*problems).clone()} />
            <form {onsubmit} novalidate=true id="two-factor-form">
                <label for={CODE}>{ "Code from your authenticator app" }</label>
                <p class="hint" id="two-factor-hint">
                    { "Open the app on your phone and enter the 6-digit code it shows for Attest. \
                       If you have lost your phone, enter one of your recovery codes." }
                </p>
                { field_message(&problems, CODE) }
                <input id={CODE} name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                    spellcheck="false" ref={code} aria-invalid={invalid(&problems, CODE)}
                    aria-describedby={described_by(&problems, CODE, Some("two-factor-hint"))} />
                <button type="submit" class="primary" disabled={*busy}>
                    { if *busy { "Checking…" } else { "Continue" } }
                </button>
            </form>
        </>
    }
}
