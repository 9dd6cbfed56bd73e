//! Attest's single-page app: staff training and managers' views, rendered in the browser.

mod app;
mod components;
mod hooks;
mod pages;
mod services;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
