//! `use_field_value`: a text field starts with a value without being held to it.
//!
//! Yew puts a field's `value` back into the page on every render in which it differs from
//! what is typed, so a form that re-renders (a refusal shown above it, another card saved)
//! would wipe what the person wrote. This sets the value only when it or `key` changes.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Sets the input or textarea behind `node` to `value` whenever the value or `key` changes.
#[hook]
pub fn use_field_value(node: &NodeRef, value: String, key: impl PartialEq + 'static) {
    let node = node.clone();
    use_effect_with((value, key), move |(value, _)| {
        if let Some(area) = node.cast::<HtmlTextAreaElement>() {
            area.set_value(value);
        } else if let Some(input) = node.cast::<HtmlInputElement>() {
            input.set_value(value);
        }
    });
}

/// The same for a checkbox: ticks it (or not) whenever `on` or `key` changes.
#[hook]
pub fn use_checked(node: &NodeRef, on: bool, key: impl PartialEq + 'static) {
    let node = node.clone();
    use_effect_with((on, key), move |(on, _)| {
        if let Some(input) = node.cast::<HtmlInputElement>() {
            input.set_checked(*on);
        }
    });
}
