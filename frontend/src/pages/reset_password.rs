//! `/reset-password/{token}`: choose a new password with a link from a mail.

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::error_summary::{checked_input, ErrorSummary, FieldError};
use crate::services::links;

/// The fields' ids.
const NEW: &str = "new-password";
const REPEAT: &str = "repeat-password";

/// Props of [`ResetPassword`].
#[derive(Properties, PartialEq)]
pub struct ResetProps {
    /// The link's token.
    pub token: String,
}

/// The new-password form.
#[function_component(ResetPassword)]
pub fn reset_password(props: &ResetProps) -> Html {
    let password = use_node_ref();
    let repeat = use_node_ref();
    let problems = use_state(Vec::<FieldError>::new);
    let done = use_state(|| false);
    let onsubmit = {
        let (password, repeat, problems, done) = (
            password.clone(),
            repeat.clone(),
            problems.clone(),
            done.clone(),
        );
        let token = props.token.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let (first, second) = (value(&password), value(&repeat));
            if first.is_empty() {
                problems.set(vec![FieldError::new(NEW, "Enter a new password")]);
                return;
            }
            if first != second {
                problems.set(vec![FieldError::new(
                    REPEAT,
                    "Enter the same password again: the two are not the same",
                )]);
                return;
            }
            let (problems, done, token) = (problems.clone(), done.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match links::reset_password(&token, first).await {
                    Ok(()) => done.set(true),
                    // The server's refusal is about the new password (too short) or the link.
                    Err(failure) => problems.set(vec![FieldError::new(NEW, failure.message())]),
                }
            });
        })
    };
    html! {
        <section class="panel narrow" aria-labelledby="reset-title">
            <h1 id="reset-title">{ "Choose a new password" }</h1>
            if *done {
                <p id="reset-done" role="status">{ "Your password has been changed. Sign in with it now." }</p>
                <p><Link<Route> to={Route::SignIn}>{ "Sign in" }</Link<Route>></p>
            } else {
                <ErrorSummary errors={(*problems).clone()} />
                <form {onsubmit} novalidate=true>
                    { checked_input(NEW, "New password (at least 10 characters)", "password", Some("new-password"), &password, &problems) }
                    { checked_input(REPEAT, "The same again", "password", Some("new-password"), &repeat, &problems) }
                    <button type="submit" class="primary">{ "Set password" }</button>
                </form>
            }
        </section>
    }
}
