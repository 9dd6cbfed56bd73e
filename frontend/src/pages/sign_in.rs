//! Sign in with email and password, then go back to where the person was heading.

use std::collections::HashMap;

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::hooks::session::{use_session, Session};
use crate::services::{auth, links};

/// Where to go after signing in: the `next` query parameter if it is a local path.
fn next_path(location: Option<Location>) -> String {
    location
        .and_then(|l| l.query::<HashMap<String, String>>().ok())
        .and_then(|q| q.get("next").cloned())
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && p != "/signin")
        .unwrap_or_else(|| "/training".to_string())
}

/// The sign-in form.
#[function_component(SignIn)]
pub fn sign_in() -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let location = use_location();
    let email = use_node_ref();
    let password = use_node_ref();
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let notice = use_state(|| None::<String>);

    // "Email me a sign-in link" and "Forgot your password?" both mail a link to the address typed.
    let mail_link = |reset: bool| {
        let (email, error, notice) = (email.clone(), error.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let address = email
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if address.trim().is_empty() {
                error.set(Some("Enter your email address first.".into()));
                return;
            }
            let (error, notice) = (error.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let sent = if reset {
                    links::request_password_reset(address).await
                } else {
                    links::request_sign_in_link(address).await
                };
                match sent {
                    Ok(accepted) => {
                        error.set(None);
                        notice.set(Some(accepted.message));
                    }
                    Err(failure) => error.set(Some(failure.message())),
                }
            });
        })
    };
    let onmaillink = mail_link(false);
    let onreset = mail_link(true);

    let onsubmit = {
        let (email, password, error, busy, session) = (
            email.clone(),
            password.clone(),
            error.clone(),
            busy.clone(),
            session.clone(),
        );
        let next = next_path(location);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let (email_value, password_value) = (value(&email), value(&password));
            if email_value.trim().is_empty() || password_value.is_empty() {
                error.set(Some("Enter your email address and password.".into()));
                return;
            }
            let (error, busy, session, navigator, next) = (
                error.clone(),
                busy.clone(),
                session.clone(),
                navigator.clone(),
                next.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match auth::sign_in(email_value, password_value).await {
                    Ok(me) => {
                        session.set(Session::SignedIn(me));
                        if let Some(nav) = navigator {
                            nav.push(&Route::recognize(&next).unwrap_or(Route::Training));
                        }
                    }
                    Err(failure) => {
                        error.set(Some(failure.message()));
                        busy.set(false);
                    }
                }
            });
        })
    };

    html! {
        <section class="panel narrow" aria-labelledby="signin-title">
            <h1 id="signin-title">{ "Sign in" }</h1>
            <p class="lead">{ "Use the email address your school has for you." }</p>
            if let Some(message) = &*error {
                <p class="error" role="alert" id="signin-error">{ message }</p>
            }
            <form {onsubmit} novalidate=true>
                <label for="email">{ "Email address" }</label>
                <input id="email" name="email" type="email" autocomplete="username" required=true
                    ref={email} aria-describedby={error.is_some().then_some("signin-error")} />
                <label for="password">{ "Password" }</label>
                <input id="password" name="password" type="password" autocomplete="current-password"
                    required=true ref={password} />
                <button type="submit" class="primary" disabled={*busy}>
                    { if *busy { "Signing in…" } else { "Sign in" } }
                </button>
            </form>
            if let Some(message) = &*notice {
                <p class="notice" role="status" id="link-sent">{ message }</p>
            }
            <p class="alternatives">
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
