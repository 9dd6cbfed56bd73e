//! `/two-factor`: set up, check or turn off one's own two-factor sign-in; for managers, where
//! it is required.

use attest_domain::api::{TwoFactorEnrolment, TwoFactorStatus};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::error_summary::{
    described_by, field_message, invalid, ErrorSummary, FieldError,
};
use crate::components::outcome::OutcomeRegions;
use crate::components::qr_code::QrImage;
use crate::hooks::session::{use_session, use_signed_in, Session};
use crate::pages::two_factor_rules::TwoFactorRules;
use crate::services::{auth, two_factor};

/// The code field's id.
const CODE: &str = "code";

/// Where the page is.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    /// Asking the server.
    Loading,
    /// As the server says.
    Status(TwoFactorStatus),
    /// A secret to put in the app, awaiting its first code.
    Enrolling(TwoFactorEnrolment),
    /// Just set up: the recovery codes, shown once.
    Codes(Vec<String>),
    /// The server could not be asked.
    Failed(String),
}

/// The typed value of the code field.
fn typed(code: &NodeRef) -> String {
    code.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The page.
#[function_component(TwoFactorPage)]
pub fn two_factor_page() -> Html {
    let me = use_signed_in();
    let session = use_session();
    let stage = use_state(|| Stage::Loading);
    let problems = use_state(Vec::<FieldError>::new);
    let code = use_node_ref();
    let signed_in = me.is_some();
    {
        let stage = stage.clone();
        use_effect_with(signed_in, move |signed_in| {
            if *signed_in {
                wasm_bindgen_futures::spawn_local(async move {
                    stage.set(match two_factor::status().await {
                        Ok(status) => Stage::Status(status),
                        Err(failure) => Stage::Failed(failure.message()),
                    });
                });
            }
        });
    }
    let Some(me) = me else {
        return html! {};
    };

    let onstart = {
        let (stage, problems) = (stage.clone(), problems.clone());
        Callback::from(move |_: MouseEvent| {
            let (stage, problems) = (stage.clone(), problems.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match two_factor::start().await {
                    Ok(enrolment) => stage.set(Stage::Enrolling(enrolment)),
                    Err(failure) => problems.set(vec![FieldError::new("", failure.message())]),
                }
            });
        })
    };
    let onconfirm = {
        let (stage, problems, code) = (stage.clone(), problems.clone(), code.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = typed(&code);
            if value.trim().is_empty() {
                problems.set(vec![FieldError::new(
                    CODE,
                    "Enter the code from your authenticator app",
                )]);
                return;
            }
            let (stage, problems) = (stage.clone(), problems.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match two_factor::confirm(value).await {
                    Ok(codes) => {
                        problems.set(Vec::new());
                        stage.set(Stage::Codes(codes.codes));
                    }
                    Err(failure) => problems.set(vec![FieldError::new(CODE, failure.message())]),
                }
            });
        })
    };
    // After the codes are saved: the session learns it may now manage, and the page shows the status.
    let ondone = {
        let (stage, session) = (stage.clone(), session.clone());
        Callback::from(move |_: MouseEvent| {
            let (stage, session) = (stage.clone(), session.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(me) = auth::me().await {
                    session.set(Session::SignedIn(me));
                }
                if let Ok(status) = two_factor::status().await {
                    stage.set(Stage::Status(status));
                }
            });
        })
    };
    let ondisable = {
        let (stage, problems, code) = (stage.clone(), problems.clone(), code.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = typed(&code);
            if value.trim().is_empty() {
                problems.set(vec![FieldError::new(
                    CODE,
                    "Enter a code from your authenticator app",
                )]);
                return;
            }
            let (stage, problems) = (stage.clone(), problems.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match two_factor::disable(value).await {
                    Ok(()) => {
                        problems.set(Vec::new());
                        if let Ok(status) = two_factor::status().await {
                            stage.set(Stage::Status(status));
                        }
                    }
                    Err(failure) => problems.set(vec![FieldError::new(CODE, failure.message())]),
                }
            });
        })
    };
    let code_field = |label: &str| {
        html! {
            <>
                <label for={CODE}>{ label.to_string() }</label>
                { field_message(&problems, CODE) }
                <input id={CODE} name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                    spellcheck="false" ref={code.clone()} aria-invalid={invalid(&problems, CODE)}
                    aria-describedby={described_by(&problems, CODE, None)} />
            </>
        }
    };

    let body = match &*stage {
        Stage::Loading => html! { <p class="loading">{ "Loading…" }</p> },
        // Said by the regions below, which stay in the page.
        Stage::Failed(_) => html! {},
        Stage::Status(status) if !status.enrolled => html! {
            <>
                if me.must_enrol_two_factor {
                    <p class="notice" id="two-factor-required">
                        { "A school or trust you manage requires two-factor sign-in. Set it up to carry on." }
                    </p>
                }
                <p>{ "With two-factor sign-in, Attest asks for a code from an app on your phone \
                      after your password, so your password alone cannot open your account." }</p>
                <p>{ "You need an authenticator app, such as Microsoft Authenticator or Google Authenticator." }</p>
                <button type="button" class="primary" id="start-two-factor" onclick={onstart}>
                    { "Set up two-factor sign-in" }
                </button>
            </>
        },
        Stage::Status(status) => html! {
            <>
                <p id="two-factor-on">{ "Two-factor sign-in is on for your account." }</p>
                <p>{ format!("You have {} unused recovery code{}.", status.recovery_codes_left,
                    if status.recovery_codes_left == 1 { "" } else { "s" }) }</p>
                if status.required {
                    <p>{ "A school or trust you manage requires it, so it cannot be turned off." }</p>
                } else {
                    <h2>{ "Turn off two-factor sign-in" }</h2>
                    <form onsubmit={ondisable} novalidate=true>
                        { code_field("Code from your authenticator app, or a recovery code") }
                        <button type="submit" class="secondary">{ "Turn off" }</button>
                    </form>
                }
            </>
        },
        Stage::Enrolling(enrolment) => html! {
            <>
                <h2>{ "1. Add Attest to your app" }</h2>
                <p>{ "Scan this QR code with your authenticator app." }</p>
                <QrImage text={enrolment.otpauth_uri.clone()} label="QR code for your authenticator app" />
                <p>{ "If you cannot scan it, type this key into the app instead:" }</p>
                <p><code id="two-factor-secret" class="secret">{ &enrolment.secret }</code></p>
                <h2>{ "2. Enter the code it shows" }</h2>
                <form onsubmit={onconfirm} novalidate=true>
                    { code_field("6-digit code") }
                    <button type="submit" class="primary">{ "Turn on two-factor sign-in" }</button>
                </form>
            </>
        },
        Stage::Codes(codes) => html! {
            <>
                <h2>{ "Save your recovery codes" }</h2>
                <p>{ "If you lose your phone, each of these codes signs you in once instead of a code \
                      from the app. Keep them somewhere safe: they will not be shown again." }</p>
                <ul id="recovery-codes" class="recovery-codes">
                    { for codes.iter().map(|c| html! { <li><code>{ c }</code></li> }) }
                </ul>
                <button type="button" class="primary" id="codes-saved" onclick={ondone}>
                    { "I have saved my recovery codes" }
                </button>
            </>
        },
    };
    let outcome = match &*stage {
        Stage::Failed(message) => Some(Err(message.clone())),
        Stage::Codes(_) => Some(Ok("Two-factor sign-in is now on.".to_string())),
        _ => None,
    };
    html! {
        <section class="panel" aria-labelledby="two-factor-title">
            <h1 id="two-factor-title">{ "Two-factor sign-in" }</h1>
            <ErrorSummary errors={(*problems).clone()} />
            <OutcomeRegions outcome={outcome} />
            { body }
            if me.manages && !me.must_enrol_two_factor && matches!(&*stage, Stage::Status(s) if s.enrolled) {
                <TwoFactorRules />
            }
        </section>
    }
}
