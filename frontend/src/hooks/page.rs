//! What a screen reader hears when the page changes: each route's own `<title>`, and focus
//! on the new page's heading after a route change (as the lesson pages do between lessons).

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

/// How long a page may take to show its heading before focus is left where it is.
const HEADING_WAIT_MS: f64 = 10_000.0;
/// How often to look for the heading meanwhile.
const POLL_MS: i32 = 50;

thread_local! {
    /// The title a page gave itself once it knew what it shows, with the route it is for.
    static OWN_TITLE: RefCell<Option<(Route, String)>> = const { RefCell::new(None) };
}

fn set_title(title: &str) {
    if let Some(doc) = document() {
        doc.set_title(&format!("{title} – Attest"));
    }
}

/// Titles the page by what it shows (a module by its policy's name) once that has arrived,
/// rather than by its route's general title. Whichever of this and the announcer runs last
/// on a route change, the page's own title stands.
#[hook]
pub fn use_page_title(title: Option<String>) {
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    use_effect_with((route, title), |(route, title)| {
        if let Some(title) = title {
            OWN_TITLE.with(|t| *t.borrow_mut() = Some((route.clone(), title.clone())));
            set_title(title);
        }
    });
}

/// Sets the document's title and, after a route change (not on the first page the browser
/// opens, which it announces itself), moves focus to the new page's heading.
#[hook]
pub fn use_page_announcer() {
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    let first = use_mut_ref(|| true);
    use_effect_with(route, move |route| {
        let own = OWN_TITLE.with(|t| {
            t.borrow()
                .as_ref()
                .filter(|(r, _)| r == route)
                .map(|(_, title)| title.clone())
        });
        set_title(own.as_deref().unwrap_or(route.title()));
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            focus_heading_soon();
        }
    });
}

/// A look-out for the heading: the interval's handle and its callback, kept alive while it runs.
struct Lookout {
    handle: i32,
    _tick: Closure<dyn FnMut()>,
}

thread_local! {
    static LOOKOUT: RefCell<Option<Lookout>> = const { RefCell::new(None) };
}

/// Moves focus to the page's `h1` as soon as it is shown (pages show theirs once their data
/// has arrived), unless the person has moved focus themselves in the meantime.
fn focus_heading_soon() {
    let (Some(window), Some(doc)) = (web_sys::window(), document()) else {
        return;
    };
    stop();
    let started = js_sys::Date::now();
    let before = doc.active_element();
    // Most pages show their heading at once: focus it now rather than a tick later.
    if settled(&before, started) {
        return;
    }
    let tick = Closure::<dyn FnMut()>::new(move || {
        if settled(&before, started) {
            stop();
        }
    });
    let Ok(handle) = window.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        POLL_MS,
    ) else {
        return;
    };
    // The previous look-out (already stopped) is dropped here, never from inside its own tick.
    LOOKOUT.with(|l| {
        *l.borrow_mut() = Some(Lookout {
            handle,
            _tick: tick,
        })
    });
}

/// Focuses the heading if it is shown; true when there is nothing more to wait for (done,
/// the person moved focus themselves, or the page took too long).
fn settled(before: &Option<Element>, started: f64) -> bool {
    let Some(doc) = document() else { return true };
    let untouched = match doc.active_element() {
        None => true,
        Some(a) => before.as_ref() == Some(&a) || is_page_itself(&doc, &a),
    };
    if !untouched || js_sys::Date::now() - started > HEADING_WAIT_MS {
        return true;
    }
    let heading = doc
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|h| h.dyn_into::<HtmlElement>().ok());
    let Some(heading) = heading else { return false };
    if !heading.has_attribute("tabindex") {
        let _ = heading.set_attribute("tabindex", "-1");
    }
    let _ = heading.focus();
    true
}

/// Stops the look-out's interval; its callback stays alive until the next one replaces it.
fn stop() {
    let handle = LOOKOUT.with(|l| l.borrow().as_ref().map(|l| l.handle));
    if let (Some(window), Some(handle)) = (web_sys::window(), handle) {
        window.clear_interval_with_handle(handle);
    }
}

/// Focus on the body or the main landmark is focus nobody chose.
fn is_page_itself(doc: &web_sys::Document, el: &Element) -> bool {
    doc.body().is_some_and(|b| b.is_same_node(Some(el))) || el.id() == "main"
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}
