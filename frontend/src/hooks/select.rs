//! `use_select_value`: a `<select>` shows the value the page means.
//!
//! Yew inserts a list's `<option>`s last first, and a browser selects the first option that
//! arrives: so without this a drop-down shows its *last* option on first load, while the
//! page acts on its first (or on nothing). What a control shows must be what is applied.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Sets the select behind `node` to `value` whenever the value or `key` changes: a key that
/// changes as the options arrive (their number, say) or when the page starts over. The
/// person's own choices in between stand.
#[hook]
pub fn use_select_value(node: &NodeRef, value: String, key: impl PartialEq + 'static) {
    let node = node.clone();
    use_effect_with((value, key), move |(value, _)| {
        if let Some(select) = node.cast::<HtmlSelectElement>() {
            select.set_value(value);
        }
    });
}
