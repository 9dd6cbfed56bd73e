//! Policies: the list with insight and history, and uploading a file as a draft to review.

use attest_domain::api::{count, long_date, PolicyInsight};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::draft_upload::{DraftUpload, UploadPlace};
use crate::components::scroll_box::ScrollBox;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::services::manage;

/// Props of [`PoliciesPage`].
#[derive(Properties, PartialEq)]
pub struct PoliciesProps {
    /// The school's id.
    pub id: String,
}

/// The policies page.
#[function_component(PoliciesPage)]
pub fn policies_page(props: &PoliciesProps) -> Html {
    let list = use_fetch(props.id.clone(), |id: String| async move {
        manage::policies(&id).await
    });
    let insight = use_state(|| None::<PolicyInsight>);
    let current: Vec<(String, String)> = match &*list {
        Load::Loaded(l) => l.iter().map(|p| (p.id.clone(), p.title.clone())).collect(),
        _ => Vec::new(),
    };
    html! {
        <section aria-labelledby="policies-title">
            <h1 id="policies-title">{ "Policies" }</h1>
            { match &*list {
                Load::Loaded(l) => html! { <ul class="links">{ for l.iter().map(|p| {
                    let (insight, id) = (insight.clone(), p.id.clone());
                    let onclick = Callback::from(move |_: MouseEvent| {
                        let (insight, id) = (insight.clone(), id.clone());
                        wasm_bindgen_futures::spawn_local(async move { if let Ok(i) = manage::insight(&id).await { insight.set(Some(i)); } });
                    });
                    html! { <li>{ format!("{} — version {} ({}); groups: {} ", p.title, p.version_label, count(p.versions, "version", "versions"), p.groups.join(", ")) }
                        <button type="button" class="link" {onclick}>{ format!("Insight for {}", p.title) }</button>{ " " }
                        <Link<Route> to={Route::PolicyHistory { id: p.id.clone() }}>{ format!("History of {}", p.title) }</Link<Route>>{ " " }
                        <Link<Route> to={Route::PolicySettings { id: p.id.clone() }}>{ format!("Settings for {}", p.title) }</Link<Route>>
                        if p.from_model {
                            { " " }<Link<Route> to={Route::Amendments { id: p.id.clone() }}>{ format!("{}: the trust's model and this school's amendments", p.title) }</Link<Route>>
                        }</li> }
                }) }</ul> },
                other => placeholder(other, "the policies"),
            } }
            if let Some(i) = &*insight { { insight_table(i) } }
            <h2>{ "Upload a policy or a new version" }</h2>
            <p>{ "You will check how it was read, clause by clause and question by question, before staff see it." }</p>
            <DraftUpload place={UploadPlace::School(props.id.clone())} {current} />
        </section>
    }
}

fn insight_table(i: &PolicyInsight) -> Html {
    let caption = format!(
        "{} {}: clauses most often wrong on a first attempt ({})",
        i.title,
        i.version_label,
        count(i.first_attempts, "first attempt", "first attempts")
    );
    html! {
        <ScrollBox label={caption.clone()}><table>
            <caption>{ caption }</caption>
            <thead><tr><th scope="col">{ "Clause" }</th><th scope="col">{ "Wrong" }</th><th scope="col">{ "Text" }</th></tr></thead>
            <tbody>{ for i.clauses.iter().take(10).map(|c| html! { <tr>
                <th scope="row">{ &c.clause_id }</th><td>{ format!("{}% ({} of {})", c.percent_wrong, c.wrong, c.asked) }</td><td>{ &c.text }</td>
            </tr> }) }</tbody>
        </table></ScrollBox>
    }
}

/// Today in the browser's time zone.
pub fn today() -> Option<chrono::NaiveDate> {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
}

/// The review date to suggest: the document's, unless it has passed, when a year from today.
pub fn suggested_review(from_document: Option<chrono::NaiveDate>) -> Option<chrono::NaiveDate> {
    match from_document.zip(today()).filter(|(d, t)| d < t) {
        Some((_, t)) => t.checked_add_months(chrono::Months::new(12)),
        None => from_document,
    }
}

/// The review date field (its value is set by the page, see [`suggested_review`]), with a
/// word about the document's date when it has passed.
pub fn review_field(from_document: Option<chrono::NaiveDate>, review: &NodeRef) -> Html {
    let passed = from_document.zip(today()).filter(|(d, t)| d < t);
    html! { <>
        if let Some((d, _)) = passed {
            <p class="warning" id="p-review-hint">{ format!(
                "The document gives {} as its review date, which has passed. We suggest a year from today; change it if the policy says otherwise.",
                long_date(d)
            ) }</p>
        }
        <input id="p-review" type="date" ref={review.clone()} aria-describedby={passed.map(|_| "p-review-hint")} />
    </> }
}
