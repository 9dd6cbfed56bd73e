//! The page shell: skip link, banner with navigation, main landmark, footer.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::hooks::fetch::{reload, STATUS_REGION};
use crate::hooks::page::use_page_announcer;
use crate::hooks::session::{use_session, Session};
use crate::services::auth;

/// Props of [`Layout`].
#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    /// The page.
    pub children: Html,
}

/// Wraps every page in the same landmarks.
#[function_component(Layout)]
pub fn layout(props: &LayoutProps) -> Html {
    use_page_announcer();
    let session = use_session();
    let navigator = use_navigator();
    let route = use_route::<Route>();
    // A manager whom a place requires to use two-factor sign-in sets it up before anything else.
    let must_enrol = matches!(&*session, Session::SignedIn(me) if me.must_enrol_two_factor);
    if must_enrol && route != Some(Route::TwoFactor) {
        return html! { <Redirect<Route> to={Route::TwoFactor} /> };
    }
    let onsignout = {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| {
            let (session, navigator) = (session.clone(), navigator.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // Whatever the server says, the person asked to leave: forget the session here.
                let _ = auth::sign_out().await;
                session.set(Session::SignedOut);
                if let Some(nav) = navigator {
                    nav.push(&Route::SignIn);
                }
            });
        })
    };
    html! {
        <>
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <header class="banner">
                <Link<Route> to={Route::Training} classes="brand">{ "Attest" }</Link<Route>>
                if let Session::SignedIn(me) = &*session {
                    <nav aria-label="Main">
                        <Link<Route> to={Route::Training}>{ "My training" }</Link<Route>>
                        if me.manages {
                            <Link<Route> to={Route::Manage}>{ "Manage" }</Link<Route>>
                            <Link<Route> to={Route::TwoFactor}>{ "Two-factor sign-in" }</Link<Route>>
                        }
                        <span class="who">{ &me.name }</span>
                        <button type="button" class="link" onclick={onsignout}>{ "Sign out" }</button>
                    </nav>
                }
            </header>
            <main id="main" tabindex="-1">
                <p id={STATUS_REGION} class="visually-hidden" role="status" aria-live="polite"></p>
                if *session == Session::Unreachable {
                    <div class="error" role="alert" id="offline">
                        <p>{ "We couldn't reach Attest. Check your connection and try again." }</p>
                        <button type="button" class="secondary" onclick={Callback::from(|_: MouseEvent| reload())}>
                            { "Try again" }
                        </button>
                    </div>
                }
                { props.children.clone() }
            </main>
            <footer class="footer"><p>{ "Attest — policy training and evidence for schools" }</p></footer>
        </>
    }
}
