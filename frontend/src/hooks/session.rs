//! Who is signed in, shared with every page through a context.

use attest_domain::api::Me;
use yew::prelude::*;

use crate::services::auth;
use crate::services::requests::ApiFailure;

/// What the app knows about the session.
#[derive(Debug, Clone, PartialEq)]
pub enum Session {
    /// Still asking the server.
    Loading,
    /// Nobody is signed in (or the session expired).
    SignedOut,
    /// Signed in as this person.
    SignedIn(Me),
    /// The server could not be reached to ask.
    Unreachable,
}

/// The session context: read it, or replace it after sign-in and sign-out.
pub type SessionHandle = UseStateHandle<Session>;

/// Props of [`SessionProvider`].
#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    /// The app inside the provider.
    pub children: Html,
}

/// Asks the server once who is signed in and shares the answer.
#[function_component(SessionProvider)]
pub fn session_provider(props: &SessionProviderProps) -> Html {
    let session = use_state(|| Session::Loading);
    {
        let session = session.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                session.set(match auth::me().await {
                    Ok(me) => Session::SignedIn(me),
                    // Offline is not signed out: sending them to sign in would mislead.
                    Err(ApiFailure::Network) => Session::Unreachable,
                    Err(_) => Session::SignedOut,
                });
            });
        });
    }
    // Times on every page are on the signed-in person's school's clock.
    if let Session::SignedIn(me) = &*session {
        crate::services::clock::set_zone(&me.time_zone);
    }
    html! {
        <ContextProvider<SessionHandle> context={session}>
            { props.children.clone() }
        </ContextProvider<SessionHandle>>
    }
}

/// The session context.
#[hook]
pub fn use_session() -> SessionHandle {
    use_context::<SessionHandle>().expect("SessionProvider wraps the whole app")
}

/// The signed-in person; when nobody is, sends the browser to sign-in and back here afterwards.
#[hook]
pub fn use_signed_in() -> Option<Me> {
    let session = use_session();
    let navigator = yew_router::prelude::use_navigator();
    let location = yew_router::prelude::use_location();
    let signed_out = *session == Session::SignedOut;
    use_effect_with(signed_out, move |signed_out| {
        if *signed_out {
            if let (Some(nav), Some(loc)) = (navigator, location) {
                let next = loc.path().to_string();
                let _ = nav.push_with_query(&crate::app::Route::SignIn, &[("next", next)]);
            }
        }
    });
    match &*session {
        Session::SignedIn(me) => Some(me.clone()),
        _ => None,
    }
}

/// What every page does with a failed call: an expired session means signing in again
/// (`use_signed_in` then sends the person to sign in and back to this page).
pub fn report_failure(session: &SessionHandle, failure: &ApiFailure) {
    if matches!(failure, ApiFailure::Unauthorized(_)) {
        session.set(Session::SignedOut);
    }
}
