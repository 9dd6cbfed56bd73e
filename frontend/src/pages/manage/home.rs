//! The managers' area's front page: the schools and trusts the manager may open.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::session::use_signed_in;
use crate::services::manage;

/// Lists what the signed-in manager manages.
#[function_component(ManageHome)]
pub fn manage_home() -> Html {
    let me = use_signed_in();
    let load = use_fetch(me.map(|m| m.id), |who: Option<String>| async move {
        match who {
            Some(_) => manage::scope().await,
            None => Err(crate::services::requests::ApiFailure::Other(
                "Loading…".into(),
            )),
        }
    });
    html! {
        <section aria-labelledby="manage-title">
            <h1 id="manage-title">{ "Manage" }</h1>
            { match &*load {
                Load::Loaded(scope) => html! { <>
                    if !scope.trusts.is_empty() {
                        <h2>{ "Trusts" }</h2>
                        <ul class="links">{ for scope.trusts.iter().map(|t| html! {
                            <li><Link<Route> to={Route::TrustDashboard { id: t.id.clone() }}>{ &t.name }</Link<Route>></li>
                        }) }</ul>
                    }
                    <h2>{ "Schools" }</h2>
                    <ul class="links">{ for scope.schools.iter().map(|s| html! {
                        <li><Link<Route> to={Route::SchoolDashboard { id: s.id.clone() }}>{ &s.name }</Link<Route>></li>
                    }) }</ul>
                    <h2>{ "Managers and signing in" }</h2>
                    <ul class="links" id="sign-in-settings">
                        <li><Link<Route> to={Route::Roles}>{ "Give or take away a managing role" }</Link<Route>></li>
                        <li><Link<Route> to={Route::Organisation}>{ "Add, rename or close schools" }</Link<Route>></li>
                        <li><Link<Route> to={Route::TwoFactor}>{ "Two-factor sign-in" }</Link<Route>></li>
                        { for scope.trusts.iter().map(|t| html! {
                            <li><Link<Route> to={Route::TrustDirectory { id: t.id.clone() }}>
                                { format!("School accounts for {}", t.name) }
                            </Link<Route>></li>
                        }) }
                        { for scope.schools.iter().map(|s| html! {
                            <li><Link<Route> to={Route::SchoolDirectory { id: s.id.clone() }}>
                                { format!("School accounts for {}", s.name) }
                            </Link<Route>></li>
                        }) }
                    </ul>
                </> },
                other => placeholder(other, "what you manage"),
            } }
        </section>
    }
}
