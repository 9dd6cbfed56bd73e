//! `/reset-password/{token}`: choose a new password with a link from a mail.

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::services::links;

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
    let error = use_state(|| None::<String>);
    let done = use_state(|| false);
    let onsubmit = {
        let (password, repeat, error, done) = (
            password.clone(),
            repeat.clone(),
            error.clone(),
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
            if first != second {
                error.set(Some("The two passwords are not the same.".into()));
                return;
            }
            let (error, done, token) = (error.clone(), done.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match links::reset_password(&token, first).await {
                    Ok(()) => done.set(true),
                    Err(failure) => error.set(Some(failure.message())),
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
                if let Some(message) = &*error {
                    <p class="error" role="alert" id="reset-error">{ message }</p>
                }
                <form {onsubmit} novalidate=true>
                    <label for="new-password">{ "New password (at least 10 characters)" }</label>
                    <input id="new-password" type="password" autocomplete="new-password" required=true ref={password} />
                    <label for="repeat-password">{ "The same again" }</label>
                    <input id="repeat-password" type="password" autocomplete="new-password" required=true ref={repeat} />
                    <button type="submit" class="primary">{ "Set password" }</button>
                </form>
            }
        </section>
    }
}
