//! A school's copy of its trust's model policy: how it differs from the model (its local
//! amendments), and a way to amend it.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::diff_view::DiffView;
use crate::components::error_summary::{ErrorSummary, FieldError};
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::services::models;

/// Props of [`AmendmentsPage`].
#[derive(Properties, PartialEq)]
pub struct AmendmentsProps {
    /// The school's policy.
    pub id: String,
}

/// The amendments page.
#[function_component(AmendmentsPage)]
pub fn amendments_page(props: &AmendmentsProps) -> Html {
    let loaded = use_fetch(props.id.clone(), |id: String| async move {
        models::amendments(&id).await
    });
    let navigator = use_navigator();
    let problems = use_state(Vec::<FieldError>::new);
    let onamend = {
        let (id, problems) = (props.id.clone(), problems.clone());
        Callback::from(move |_: MouseEvent| {
            let (id, problems, navigator) = (id.clone(), problems.clone(), navigator.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match models::draft_from_published(&id).await {
                    Ok(d) => {
                        if let Some(n) = &navigator {
                            n.push(&Route::Draft { id: d.id });
                        }
                    }
                    Err(e) => problems.set(vec![FieldError::new("", e.message())]),
                }
            });
        })
    };
    let Load::Loaded(a) = &*loaded else {
        return placeholder(&loaded, "the amendments");
    };
    html! {
        <section aria-labelledby="amendments-title">
            <p><Link<Route> to={Route::Policies { id: a.school_id.clone() }}>{ "Back to policies" }</Link<Route>></p>
            <h1 id="amendments-title">{ format!("{}: local amendments", a.title) }</h1>
            <ErrorSummary errors={(*problems).clone()} />
            <p class="lead">{ format!(
                "This school's copy of the trust's model policy {}, made from version {} of {}.",
                a.model_title, a.model_version, a.latest_model_version
            ) }</p>
            if let Some(d) = &a.waiting_draft_id {
                <p class="warning">
                    { "A copy is waiting for this school's review. " }
                    <Link<Route> to={Route::Draft { id: d.clone() }}>{ "Review the waiting copy" }</Link<Route>>
                </p>
            }
            <h2>{ "How this school's copy differs from the model" }</h2>
            <DiffView diff={a.amendments.clone()} wording_too=true />
            <h2>{ "Amend this school's copy" }</h2>
            <p>{ "Change a clause's wording, strength or holder for this school. Your changes are reviewed and published like any version, and are kept when the trust publishes a new version of the model, wherever the model's text did not change." }</p>
            <button type="button" class="primary" onclick={onamend}>{ "Amend this policy" }</button>
        </section>
    }
}
