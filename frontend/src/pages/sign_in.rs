//! Sign in with email and password, then go back to where the person was heading.

use attest_domain::api::{DirectoryRefusal, Me};
use std::collections::HashMap;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::error_summary::{
    described_by, field_message, invalid, ErrorSummary, FieldError,
};
use crate::components::two_factor_code::TwoFactorCodeForm;
use crate::hooks::session::{use_session, Session};
use crate::services::two_factor::SignInStep;
use crate::services::{auth, directory, links, manage};

/// The fields' ids.
const EMAIL: &str = "email";
const PASSWORD: &str = "password";

/// Where the person was heading: the `next` query parameter if it is a local path.
fn next_path(location: Option<Location>) -> Option<String> {
    location
        .and_then(|l| l.query::<HashMap<String, String>>().ok())
        .and_then(|q| q.get("next").cloned())
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && p != "/signin")
}

/// Why a directory sign-in came back here, if it did (`?directory=…`).
fn directory_refusal(location: Option<Location>) -> Option<DirectoryRefusal> {
    location
        .and_then(|l| l.query::<HashMap<String, String>>().ok())
        .and_then(|q| q.get("directory").and_then(|r| DirectoryRefusal::parse(r)))
}

/// A two-factor challenge a directory sign-in left in the fragment (`#challenge=…`), which
/// browsers never send to the server.
fn challenge_in_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#challenge=")
        .filter(|c| !c.is_empty())
        .map(str::to_string)
}

/// Where someone lands who was not heading anywhere: staff on My training, a manager on the
/// dashboard of what they manage (their trust's, or their one school's), or the list of them.
async fn landing(me: &Me) -> Route {
    if me.must_enrol_two_factor {
        return Route::TwoFactor;
    }
    if !me.manages {
        return Route::Training;
    }
    match manage::scope().await {
        Ok(scope) => match (scope.trusts.as_slice(), scope.schools.as_slice()) {
            ([trust], _) => Route::TrustDashboard {
                id: trust.id.clone(),
            },
            ([], [school]) => Route::SchoolDashboard {
                id: school.id.clone(),
            },
            _ => Route::Manage,
        },
        Err(_) => Route::Manage,
    }
}

/// The sign-in form.
#[function_component(SignIn)]
pub fn sign_in() -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let location = use_location();
    let email = use_node_ref();
    let password = use_node_ref();
    let refusal = directory_refusal(location.clone());
    let problems = use_state(move || {
        refusal
            .map(|r| vec![FieldError::new("", r.message())])
            .unwrap_or_default()
    });
    let busy = use_state(|| false);
    let notice = use_state(|| None::<String>);
    // Set once the password (or the directory) was right for someone with two-factor
    // sign-in: now the code.
    let challenge = use_state(challenge_in_fragment);

    // Signed in: back where they were heading, or where they land.
    let onsignedin = {
        let (session, navigator) = (session.clone(), navigator.clone());
        let next = next_path(location.clone());
        Callback::from(move |me: Me| {
            let (session, navigator, next) = (session.clone(), navigator.clone(), next.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let to = match next.as_deref().and_then(Route::recognize) {
                    Some(route) if !me.must_enrol_two_factor => route,
                    _ => landing(&me).await,
                };
                session.set(Session::SignedIn(me));
                if let Some(nav) = navigator {
                    nav.push(&to);
                }
            });
        })
    };

    // "Email me a sign-in link" and "Forgot your password?" both mail a link to the address typed.
    let mail_link = |reset: bool| {
        let (email, problems, notice) = (email.clone(), problems.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let address = email
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if address.trim().is_empty() {
                problems.set(vec![FieldError::new(
                    EMAIL,
                    "Enter your email address first",
                )]);
                return;
            }
            let (problems, notice) = (problems.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let sent = if reset {
                    links::request_password_reset(address).await
                } else {
                    links::request_sign_in_link(address).await
                };
                match sent {
                    Ok(accepted) => {
                        problems.set(Vec::new());
                        notice.set(Some(accepted.message));
                    }
                    Err(failure) => problems.set(vec![FieldError::new(EMAIL, failure.message())]),
                }
            });
        })
    };
    let onmaillink = mail_link(false);
    let onreset = mail_link(true);

    // "Sign in with your school account": off to the directory that speaks for the address typed.
    let ondirectory = {
        let (email, problems) = (email.clone(), problems.clone());
        Callback::from(move |_: MouseEvent| {
            let address = email
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if address.trim().is_empty() {
                problems.set(vec![FieldError::new(
                    EMAIL,
                    "Enter your email address first",
                )]);
                return;
            }
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign(&directory::start_url(&address));
            }
        })
    };

    let onsubmit = {
        let (email, password, problems, busy) = (
            email.clone(),
            password.clone(),
            problems.clone(),
            busy.clone(),
        );
        let (challenge, onsignedin) = (challenge.clone(), onsignedin.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let (email_value, password_value) = (value(&email), value(&password));
            let mut missing = Vec::new();
            if email_value.trim().is_empty() {
                missing.push(FieldError::new(EMAIL, "Enter your email address"));
            }
            if password_value.is_empty() {
                missing.push(FieldError::new(PASSWORD, "Enter your password"));
            }
            if !missing.is_empty() {
                problems.set(missing);
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
                match auth::sign_in(email_value, password_value).await {
                    Ok(SignInStep::Done(me)) => onsignedin.emit(me),
                    Ok(SignInStep::Code(asked)) => {
                        problems.set(Vec::new());
                        challenge.set(Some(asked.challenge));
                    }
                    Err(failure) => {
                        problems.set(vec![FieldError::new(EMAIL, failure.message())]);
                        busy.set(false);
                    }
                }
            });
        })
    };

    if let Some(challenge) = &*challenge {
        return html! {
            <section class="panel narrow" aria-labelledby="signin-title">
                <h1 id="signin-title">{ "Enter your code" }</h1>
                <p class="lead">{ "Your password was right. Your account also asks for a code." }</p>
                <TwoFactorCodeForm challenge={challenge.clone()} {onsignedin} />
            </section>
        };
    }

    html! {
        <section class="panel narrow" aria-labelledby="signin-title">
            <h1 id="signin-title">{ "Sign in" }</h1>
            <p class="lead">{ "Use the email address your school has for you." }</p>
            <ErrorSummary errors={(*problems).clone()} />
            <form {onsubmit} novalidate=true>
                <label for={EMAIL}>{ "Email address" }</label>
                { field_message(&problems, EMAIL) }
                <input id={EMAIL} name="email" type="email" autocomplete="username" required=true
                    ref={email} aria-invalid={invalid(&problems, EMAIL)}
                    aria-describedby={described_by(&problems, EMAIL, None)} />
                <label for={PASSWORD}>{ "Password" }</label>
                { field_message(&problems, PASSWORD) }
                <input id={PASSWORD} name="password" type="password" autocomplete="current-password"
                    required=true ref={password} aria-invalid={invalid(&problems, PASSWORD)}
                    aria-describedby={described_by(&problems, PASSWORD, None)} />
                <button type="submit" class="primary" disabled={*busy}>
                    { if *busy { "Signing in…" } else { "Sign in" } }
                </button>
            </form>
            // Always in the page, so the message put in it is read.
            <div role="status">
                if let Some(message) = &*notice {
                    <p class="notice" id="link-sent">{ message }</p>
                }
            </div>
            <p class="alternatives">
                <button type="button" class="secondary" id="directory-sign-in" onclick={ondirectory}>
                    { "Sign in with your school account" }
                </button>
                { " " }
                <button type="button" class="secondary" id="email-link" onclick={onmaillink}>
                    { "Email me a sign-in link" }
                </button>
                { " " }
                <button type="button" class="link" id="forgot-password" onclick={onreset}>
                    { "Forgot your password?" }
                </button>
            </p>
        </section>
    }
}
