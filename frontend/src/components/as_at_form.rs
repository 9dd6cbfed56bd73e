//! The "as at" date picker of the evidence pages: empty means today.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`AsAtForm`].
#[derive(Properties, PartialEq)]
pub struct AsAtFormProps {
    /// Called with the chosen day (`YYYY-MM-DD`), or `None` for today.
    pub onchange: Callback<Option<String>>,
}

/// A date field and a "Show report" button.
#[function_component(AsAtForm)]
pub fn as_at_form(props: &AsAtFormProps) -> Html {
    let date = use_node_ref();
    let onsubmit = {
        let (date, onchange) = (date.clone(), props.onchange.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            onchange.emit(
                date.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .filter(|v| !v.is_empty()),
            );
        })
    };
    html! {
        <form class="filters no-print" {onsubmit}>
            <div><label for="as-at">{ "As at (leave empty for today)" }</label><input id="as-at" type="date" ref={date} /></div>
            <div><button type="submit" class="primary">{ "Show report" }</button></div>
        </form>
    }
}

/// The `?as_at=` query for download links (empty for today).
pub fn as_at_query(as_at: &Option<String>) -> String {
    as_at
        .as_ref()
        .map(|d| format!("?as_at={d}"))
        .unwrap_or_default()
}
