//! The public check of a receipt code: name, policy, version and date only.

use yew::prelude::*;

use crate::hooks::fetch::{use_fetch, Load};
use crate::services::modules;
use crate::services::requests::ApiFailure;

/// Props of [`Verify`].
#[derive(Properties, PartialEq)]
pub struct VerifyProps {
    /// The code from the receipt.
    pub code: String,
}

/// Confirms (or not) that an attestation with this code exists.
#[function_component(Verify)]
pub fn verify(props: &VerifyProps) -> Html {
    let load = use_fetch(props.code.clone(), |code: String| async move {
        modules::verify(&code).await
    });
    html! {
        <section class="panel narrow" aria-labelledby="verify-title">
            <h1 id="verify-title">{ "Check an attestation" }</h1>
            <p class="meta">{ format!("Code {}", props.code) }</p>
            {
                match &*load {
                    Load::Loading => html! { <p class="loading" aria-live="polite">{ "Checking…" }</p> },
                    Load::Failed(ApiFailure::NotFound(_)) => html! {
                        <p class="error" role="alert" id="verify-result">{ "No attestation has this code. Check it was typed correctly." }</p>
                    },
                    Load::Failed(other) => html! {
                        <p class="error" role="alert" id="verify-result">{ other.message() }</p>
                    },
                    Load::Loaded(v) => html! {
                        <div id="verify-result" role="status">
                            <p class="verdict pass">{ "Valid attestation found." }</p>
                            <dl class="facts">
                                <dt>{ "Name" }</dt><dd id="verify-name">{ &v.name }</dd>
                                <dt>{ "Policy" }</dt><dd>{ &v.policy }</dd>
                                <dt>{ "Version" }</dt><dd>{ &v.version }</dd>
                                <dt>{ "Date" }</dt><dd>{ v.date.to_string() }</dd>
                            </dl>
                        </div>
                    },
                }
            }
        </section>
    }
}
