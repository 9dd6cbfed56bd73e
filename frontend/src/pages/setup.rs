//! `/setup#TOKEN`: the first start without the demo. The server printed this address with a
//! one-time token after `#`; the form creates the trust (or one school on its own), its
//! schools and the first administrator.

use attest_domain::api::{Accepted, SetupRequest};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::services::requests;

/// The token after `#` in the address, which never reaches the server's logs.
fn token() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

fn text(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The set-up form.
#[function_component(Setup)]
pub fn setup() -> Html {
    let (trust, schools, name, email, password) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let outcome = use_state(|| None::<Result<String, String>>);
    let onsubmit = {
        let refs = (
            trust.clone(),
            schools.clone(),
            name.clone(),
            email.clone(),
            password.clone(),
        );
        let outcome = outcome.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (trust, schools, name, email, password) = &refs;
            let schools: Vec<String> = schools
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            let request = SetupRequest {
                token: token(),
                trust_name: Some(text(trust)).filter(|t| !t.trim().is_empty()),
                schools,
                admin_name: text(name),
                admin_email: text(email),
                admin_password: text(password),
            };
            let outcome = outcome.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let sent: Result<Accepted, _> = requests::post("/api/setup", &request).await;
                outcome.set(Some(sent.map(|a| a.message).map_err(|f| f.message())));
            });
        })
    };
    html! {
        <section class="panel narrow" aria-labelledby="setup-title">
            <h1 id="setup-title" tabindex="-1">{ "Set up Attest" }</h1>
            if let Some(Ok(message)) = &*outcome {
                <p id="setup-done" role="status">{ message }</p>
                <p><Link<Route> to={Route::SignIn}>{ "Sign in" }</Link<Route>></p>
            } else {
                <p class="lead">{ "Name your trust and its schools (or one school on its own), and the person who will run Attest for you." }</p>
                if let Some(Err(message)) = &*outcome {
                    <p class="error" role="alert" id="setup-error">{ message }</p>
                }
                <form {onsubmit} novalidate=true class="setup-form">
                    <label for="setup-trust">{ "Trust (leave empty for a single school)" }</label>
                    <input id="setup-trust" type="text" ref={trust} />
                    <label for="setup-schools">{ "Schools, one per line" }</label>
                    <textarea id="setup-schools" rows="4" ref={schools}></textarea>
                    <label for="setup-name">{ "Administrator's name" }</label>
                    <input id="setup-name" type="text" autocomplete="name" ref={name} />
                    <label for="setup-email">{ "Administrator's email" }</label>
                    <input id="setup-email" type="email" autocomplete="email" ref={email} />
                    <label for="setup-password">{ "Their password (at least 10 characters)" }</label>
                    <input id="setup-password" type="password" autocomplete="new-password" ref={password} />
                    <button type="submit" class="primary">{ "Set up" }</button>
                </form>
            }
        </section>
    }
}
