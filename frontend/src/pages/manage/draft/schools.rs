//! Publishing a trust's model: which schools it goes to, and what became of each school's copy.

use attest_domain::api::{count, sentence, Adoption};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::services::models;

/// The checkboxes' name, read back by [`chosen_schools`].
const FIELD: &str = "p-school";

/// Props of [`SchoolChoice`].
#[derive(Properties, PartialEq)]
pub struct SchoolChoiceProps {
    /// The trust.
    pub trust_id: String,
    /// The model the draft is a new version of, if any.
    pub model_id: Option<String>,
}

/// The trust's schools as checkboxes; those that follow the model already are listed as such
/// (a new version reaches them whatever is ticked).
#[function_component(SchoolChoice)]
pub fn school_choice(props: &SchoolChoiceProps) -> Html {
    let loaded = use_fetch(props.trust_id.clone(), |id: String| async move {
        models::trust_models(&id).await
    });
    let Load::Loaded(trust) = &*loaded else {
        return placeholder(&loaded, "the trust's schools");
    };
    let model = props
        .model_id
        .as_ref()
        .and_then(|m| trust.models.iter().find(|x| &x.id == m));
    let follows = |school: &str| {
        model.is_some_and(|m| {
            m.schools
                .iter()
                .any(|s| s.school_id == school && s.policy_id.is_some())
        })
    };
    html! {
        <fieldset>
            <legend>{ "Schools to publish it to" }</legend>
            { for trust.schools.iter().map(|s| {
                let id = format!("{FIELD}-{}", s.id);
                if follows(&s.id) {
                    html! { <p class="meta">{ format!("{} follows this model: it gets the new version.", s.name) }</p> }
                } else {
                    html! { <div class="option">
                        <input type="checkbox" name={FIELD} id={id.clone()} value={s.id.clone()} />
                        <label for={id}>{ &s.name }</label>
                    </div> }
                }
            }) }
        </fieldset>
    }
}

/// The ids of the schools ticked in [`SchoolChoice`].
pub fn chosen_schools() -> Vec<String> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let Ok(list) = document.query_selector_all(&format!("input[name='{FIELD}']:checked")) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value())
        .collect()
}

/// What publishing a model did at each school.
pub fn adoptions(list: &[Adoption]) -> Html {
    if list.is_empty() {
        return html! {};
    }
    html! { <>
        <h2>{ "The schools' copies" }</h2>
        <ul class="links">{ for list.iter().map(|a| html! { <li>
            <strong>{ &a.school_name }</strong>{ ": " }
            { match (&a.version_id, &a.waiting_draft_id) {
                (Some(_), _) if a.amendments_kept > 0 => html! { { format!(
                    "published, with its {} kept{}",
                    count(a.amendments_kept, "local amendment", "local amendments"),
                    if a.requires_reattestation { "; staff re-attest" } else { "" }
                ) } },
                (Some(_), _) => html! { { if a.requires_reattestation {
                    "published; staff re-attest"
                } else { "published" } } },
                (None, Some(draft)) => html! { <>
                    { format!("waiting. {} ", sentence(a.waiting_reason.as_deref().unwrap_or_default())) }
                    <Link<Route> to={Route::Draft { id: draft.clone() }}>{ "Review the school's copy" }</Link<Route>>
                </> },
                (None, None) => html! { "not published" },
            } }
        </li> }) }</ul>
    </> }
}
