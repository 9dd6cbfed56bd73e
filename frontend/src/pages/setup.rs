//! `/setup#TOKEN`: the first start without the demo. The server printed this address with a
//! one-time token after `#`; the form creates the trust (or one school on its own), its
//! schools and the first administrator.

use attest_domain::api::{
    person_name, Accepted, NameProblem, SetupRequest, MAX_NAME_CHARS, MIN_PASSWORD_LEN,
};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::error_summary::{
    checked_input, described_by, field_message, invalid, ErrorSummary, FieldError,
};
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

/// What is wrong with each field of the form, before it is sent (the server checks again).
fn problems(request: &SetupRequest) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if request.schools.is_empty() {
        problems.push(FieldError::new("setup-schools", "Name at least one school"));
    } else if request.trust_name.is_none() && request.schools.len() > 1 {
        problems.push(FieldError::new(
            "setup-trust",
            "Name the trust: several schools belong to a trust",
        ));
    }
    match person_name(&request.admin_name) {
        Ok(_) => {}
        Err(NameProblem::Empty) => problems.push(FieldError::new(
            "setup-name",
            "Enter the administrator's name",
        )),
        Err(NameProblem::TooLong(_)) => problems.push(FieldError::new(
            "setup-name",
            format!("Enter a name of {MAX_NAME_CHARS} characters or fewer"),
        )),
    }
    if !request.admin_email.contains('@') {
        problems.push(FieldError::new(
            "setup-email",
            "Enter the administrator's email address",
        ));
    }
    if request.admin_password.chars().count() < MIN_PASSWORD_LEN {
        problems.push(FieldError::new(
            "setup-password",
            format!("Choose a password of at least {MIN_PASSWORD_LEN} characters"),
        ));
    }
    problems
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
    let done = use_state(|| None::<String>);
    let errors = use_state(Vec::<FieldError>::new);
    let onsubmit = {
        let refs = (
            trust.clone(),
            schools.clone(),
            name.clone(),
            email.clone(),
            password.clone(),
        );
        let (done, errors) = (done.clone(), errors.clone());
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
            let found = problems(&request);
            if !found.is_empty() {
                errors.set(found);
                return;
            }
            let (done, errors) = (done.clone(), errors.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let sent: Result<Accepted, _> = requests::post("/api/setup", &request).await;
                match sent {
                    Ok(accepted) => done.set(Some(accepted.message)),
                    // A refusal of the whole form (a used or wrong token) links nowhere.
                    Err(failure) => errors.set(vec![FieldError::new("", failure.message())]),
                }
            });
        })
    };
    html! {
        <section class="panel narrow" aria-labelledby="setup-title">
            <h1 id="setup-title" tabindex="-1">{ "Set up Attest" }</h1>
            if let Some(message) = &*done {
                <p id="setup-done" role="status">{ message }</p>
                <p><Link<Route> to={Route::SignIn}>{ "Sign in" }</Link<Route>></p>
            } else {
                <p class="lead">{ "Name your trust and its schools (or one school on its own), and the person who will run Attest for you." }</p>
                <ErrorSummary errors={(*errors).clone()} />
                <form {onsubmit} novalidate=true class="setup-form">
                    { checked_input("setup-trust", "Trust (leave empty for a single school)", "text", None, &trust, &errors) }
                    <label for="setup-schools">{ "Schools, one per line" }</label>
                    { field_message(&errors, "setup-schools") }
                    <textarea id="setup-schools" rows="4" ref={schools}
                        aria-invalid={invalid(&errors, "setup-schools")}
                        aria-describedby={described_by(&errors, "setup-schools", None)}></textarea>
                    { checked_input("setup-name", "Administrator's name", "text", Some("name"), &name, &errors) }
                    { checked_input("setup-email", "Administrator's email", "email", Some("email"), &email, &errors) }
                    { checked_input("setup-password", &format!("Their password (at least {MIN_PASSWORD_LEN} characters)"), "password", Some("new-password"), &password, &errors) }
                    <button type="submit" class="primary">{ "Set up" }</button>
                </form>
            }
        </section>
    }
}
