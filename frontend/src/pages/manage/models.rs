//! A trust's model policies: upload one to review, and see which schools follow each, how far
//! their copies differ (their local amendments) and which wait for a school's review.

use attest_domain::api::{long_date, ModelPolicy};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::draft_upload::{DraftUpload, UploadPlace};
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::services::models;

/// Props of [`TrustModelsPage`].
#[derive(Properties, PartialEq)]
pub struct TrustModelsProps {
    /// The trust's id.
    pub id: String,
}

/// One model: its versions and the schools that follow it.
fn model_table(m: &ModelPolicy) -> Html {
    html! { <>
        <h2>{ &m.title }</h2>
        <p>{ format!("Version {}, published {}.", m.versions, long_date(m.published_at.date_naive())) }</p>
        <table>
            <caption>{ format!("Schools that follow {}", m.title) }</caption>
            <thead><tr>
                <th scope="col">{ "School" }</th><th scope="col">{ "Their copy" }</th><th scope="col">{ "Local amendments" }</th>
            </tr></thead>
            <tbody>{ for m.schools.iter().map(|s| html! { <tr>
                <th scope="row">{ &s.school_name }</th>
                <td>{ match (&s.waiting_draft_id, s.follows_latest) {
                    (Some(d), _) => html! { <Link<Route> to={Route::Draft { id: d.clone() }}>
                        { format!("Waiting for {}'s review", s.school_name) }
                    </Link<Route>> },
                    (None, true) => html! { "The latest version" },
                    (None, false) => html! { "An earlier version" },
                } }</td>
                <td>{ match &s.policy_id {
                    Some(p) => html! { <Link<Route> to={Route::Amendments { id: p.clone() }}>
                        { match s.amendments { 0 => "None".to_string(), n => format!("{n} duty change(s)") } }
                        <span class="visually-hidden">{ format!(" at {}", s.school_name) }</span>
                    </Link<Route>> },
                    None => html! { "Not yet published there" },
                } }</td>
            </tr> }) }</tbody>
        </table>
    </> }
}

/// The model policies page.
#[function_component(TrustModelsPage)]
pub fn trust_models_page(props: &TrustModelsProps) -> Html {
    let loaded = use_fetch(props.id.clone(), |id: String| async move {
        models::trust_models(&id).await
    });
    let Load::Loaded(trust) = &*loaded else {
        return placeholder(&loaded, "the model policies");
    };
    let current: Vec<(String, String)> = trust
        .models
        .iter()
        .map(|m| (m.id.clone(), m.title.clone()))
        .collect();
    html! {
        <section aria-labelledby="models-title">
            <p><Link<Route> to={Route::TrustDashboard { id: props.id.clone() }}>{ "Back to the trust dashboard" }</Link<Route>></p>
            <h1 id="models-title">{ format!("Model policies of {}", trust.trust_name) }</h1>
            <p class="lead">{ "The trust reviews a model policy once and publishes it to its schools. A school may amend its own copy; a new version of the model reaches every school that follows it, with the school's amendments kept where the model's text did not change." }</p>
            if trust.models.is_empty() {
                <p>{ "No model policies yet." }</p>
            }
            { for trust.models.iter().map(model_table) }
            if !trust.drafts.is_empty() {
                <h2>{ "Uploads not yet published" }</h2>
                <ul class="links">{ for trust.drafts.iter().map(|d| html! { <li>
                    <Link<Route> to={Route::Draft { id: d.id.clone() }}>{ format!("Continue reviewing {}", d.file_name) }</Link<Route>>
                    { format!(" (uploaded {})", long_date(d.created_at.date_naive())) }
                </li> }) }</ul>
            }
            <h2>{ "Upload a model policy or a new version" }</h2>
            <DraftUpload place={UploadPlace::Trust(props.id.clone())} current={current} />
        </section>
    }
}
