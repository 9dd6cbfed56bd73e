//! The page for URLs the app does not know.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

/// "Page not found", with a way back.
#[function_component(NotFound)]
pub fn not_found() -> Html {
    html! {
        <section class="panel">
            <h1>{ "Page not found" }</h1>
            <p>{ "There is nothing at this address. " }<Link<Route> to={Route::Training}>{ "Go to My training" }</Link<Route>></p>
        </section>
    }
}
