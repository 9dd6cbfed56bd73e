//! `use_fetch`: load something once per key, with loading and error states, and
//! send the person to sign in when their session has expired.

use std::future::Future;
use std::pin::Pin;

use yew::prelude::*;

use crate::hooks::session::{report_failure, use_session, SessionHandle};
use crate::services::requests::ApiFailure;

/// What a page is showing while it loads data.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    /// Waiting for the server.
    Loading,
    /// Here it is.
    Loaded(T),
    /// It failed; the page may act on why (not found, offline …).
    Failed(ApiFailure),
}

/// Runs `fetch` whenever `key` changes and tracks its result.
#[hook]
pub fn use_fetch<K, T, F, Fut>(key: K, fetch: F) -> UseStateHandle<Load<T>>
where
    K: PartialEq + Clone + 'static,
    T: 'static,
    F: Fn(K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    let state = use_state(|| Load::Loading);
    let session = use_session();
    {
        let state = state.clone();
        use_effect_with(key, move |key| {
            state.set(Load::Loading);
            // Boxed, so the code that awaits and records the answer is one copy per answer
            // type rather than one per page with the whole request inlined (WASM size).
            let future: Pin<Box<dyn Future<Output = Result<T, ApiFailure>>>> =
                Box::pin(fetch(key.clone()));
            wasm_bindgen_futures::spawn_local(settle(future, state, session));
        });
    }
    state
}

/// Awaits a fetch and records its outcome.
async fn settle<T>(
    future: Pin<Box<dyn Future<Output = Result<T, ApiFailure>>>>,
    state: UseStateHandle<Load<T>>,
    session: SessionHandle,
) {
    match future.await {
        Ok(value) => {
            announce("");
            state.set(Load::Loaded(value))
        }
        // An expired session sends the person to sign in (and back here after).
        Err(ApiFailure::Unauthorized(_)) => {
            report_failure(&session, &ApiFailure::Unauthorized(String::new()))
        }
        Err(other) => state.set(Load::Failed(other)),
    }
}

/// The standard rendering of the loading and failed states.
pub fn placeholder<T>(load: &Load<T>, what: &str) -> Html {
    match load {
        Load::Loading => {
            let text = format!("Loading {what}…");
            announce(&text);
            html! { <p class="loading">{ text }</p> }
        }
        Load::Failed(failure) => html! {
            <div class="error" role="alert">
                <p>{ failure.message() }</p>
                if *failure == ApiFailure::Network {
                    <button type="button" class="secondary" onclick={Callback::from(|_: MouseEvent| reload())}>
                        { "Try again" }
                    </button>
                }
            </div>
        },
        Load::Loaded(_) => html! {},
    }
}

/// Says `text` through the page's status region, which stays in the page from the start so
/// that screen readers hear each change of its text (a region inserted together with its
/// text is often not read). Setting the same text again says nothing new.
pub fn announce(text: &str) {
    let region = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(STATUS_REGION));
    if let Some(region) = region {
        if region.text_content().as_deref() != Some(text) {
            region.set_text_content(Some(text));
        }
    }
}

/// The id of the layout's status region.
pub const STATUS_REGION: &str = "page-status";

/// Reloads the page: the simplest complete retry after the network comes back.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
