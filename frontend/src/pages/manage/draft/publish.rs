//! Publishing a reviewed draft: the version's settings, then "check your answers" (with a
//! warning for a past review date and for flagged items nobody looked at), then publish.

use attest_domain::api::{long_date, DraftPublish, DraftPublished, PolicyDraft, PolicySettings};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use super::schools::{self, SchoolChoice};
use crate::app::Route;
use crate::components::error_summary::{
    described_by, field_message, focus_field, invalid, ErrorSummary, FieldError,
};
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::field::{use_checked, use_field_value};
use crate::pages::manage::policies::{review_field, suggested_review, today};
use crate::services::{manage, review};

/// Props of [`DraftPublishPage`].
#[derive(Properties, PartialEq)]
pub struct DraftPublishProps {
    /// The draft's id.
    pub id: String,
}

fn value(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// One row of "check your answers", with a way back to change it.
fn row(label: &str, answer: Html, onchange: &Callback<MouseEvent>) -> Html {
    html! { <div class="answer-row">
        <dt>{ label }</dt><dd>{ answer }</dd>
        <dd><button type="button" class="link" onclick={onchange.clone()}>
            { "Change" }<span class="visually-hidden">{ format!(" {}", label.to_lowercase()) }</span>
        </button></dd>
    </div> }
}

/// What "check your answers" shows for the settings and the review.
fn answers(d: &PolicyDraft, s: &DraftPublish, change: &Callback<MouseEvent>) -> Html {
    let past = s.next_review.zip(today()).is_some_and(|(r, t)| r < t);
    let left = d.outstanding_clauses + d.outstanding_questions;
    html! { <dl class="check-answers">
        { row("Policy", html! { { s.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| d.title.clone()) } }, change) }
        { row("Version label", html! { { &s.version_label } }, change) }
        { row("Attestation lasts", html! { { format!("{} months", s.review_period_months.unwrap_or(0)) } }, change) }
        { row("Pass mark", html! { { format!("{}%", s.pass_mark.unwrap_or(0)) } }, change) }
        { row("Next review", html! { <>
            { s.next_review.map_or_else(|| "Not set".to_string(), long_date) }
            if past { <p class="warning">{ "This date has passed: staff and governors will see the policy as overdue for review." }</p> }
        </> }, change) }
        if d.trust_id.is_some() {
            { row("Schools", html! { { if s.schools.is_empty() {
                "Only those that follow it already".to_string()
            } else { format!("{} more school(s)", s.schools.len()) } } }, change) }
        }
        { row("Groups", html! { { if s.groups.is_empty() { "As now".to_string() } else { s.groups.join(", ") } } }, change) }
        if d.policy_id.is_some() {
            { row("Re-attestation", html! { { if s.requires_reattestation == Some(true) {
                "Everyone who signed an earlier version must re-attest"
            } else { "Attestations carry over" } } }, change) }
        }
        <div class="answer-row"><dt>{ "Review" }</dt><dd>{ if left == 0 {
            "Every flagged item has been looked at".to_string()
        } else {
            format!("{left} flagged item(s) not looked at")
        } }</dd><dd><Link<Route> to={Route::Draft { id: d.id.clone() }}>{ "Review" }</Link<Route>></dd></div>
        <div class="answer-row"><dt>{ "Questions" }</dt><dd>{ format!("{} in the bank", d.bank_size) }</dd><dd></dd></div>
    </dl> }
}

/// What the settings fields start with: title, version label, months, pass mark, review
/// date and groups. A next version starts from the policy's saved settings, so publishing
/// it does not quietly undo what its managers set.
fn starting_values(d: &PolicyDraft, saved: Option<&PolicySettings>) -> [String; 6] {
    let version = d.policy_id.is_some();
    let next = version || d.model_id.is_some();
    [
        d.replaces.clone().unwrap_or_else(|| d.title.clone()),
        if next { "v2" } else { "v1" }.to_string(),
        saved.map_or(12, |s| s.renewal_months).to_string(),
        saved.map_or(80, |s| s.pass_mark).to_string(),
        suggested_review(d.next_review)
            .map(|r| r.to_string())
            .unwrap_or_default(),
        // A new policy starts with every group the school has, to narrow down.
        if version {
            String::new()
        } else {
            d.groups.join(", ")
        },
    ]
}

/// The publish page.
#[function_component(DraftPublishPage)]
pub fn draft_publish_page(props: &DraftPublishProps) -> Html {
    let loaded = use_fetch(props.id.clone(), |id: String| async move {
        let draft = review::draft(&id).await?;
        let saved = match &draft.policy_id {
            Some(policy_id) => Some(manage::policy_settings(policy_id).await?),
            None => None,
        };
        Ok((draft, saved))
    });
    let problems = use_state(Vec::<FieldError>::new);
    let settings = use_state(|| None::<DraftPublish>);
    let done = use_state(|| None::<DraftPublished>);
    let refs = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    // The fields start with these once the draft has loaded; what the manager types then
    // stands, through "Change" and back.
    let ready = matches!(&*loaded, Load::Loaded(_));
    let start = match &*loaded {
        Load::Loaded((d, saved)) => starting_values(d, saved.as_ref()),
        _ => Default::default(),
    };
    let [title0, label0, months0, mark0, review0, groups0] = start;
    use_field_value(&refs.0, title0, ready);
    use_field_value(&refs.1, label0, ready);
    use_field_value(&refs.2, months0, ready);
    use_field_value(&refs.3, mark0, ready);
    use_field_value(&refs.4, review0, ready);
    use_field_value(&refs.5, groups0, ready);
    let duty_changed = match &*loaded {
        Load::Loaded((d, _)) => d.diff.as_ref().is_some_and(|x| x.duty_changed()),
        _ => false,
    };
    use_checked(&refs.6, duty_changed, ready);
    let Load::Loaded((draft, _)) = &*loaded else {
        return placeholder(&loaded, "the draft");
    };
    let (title, label, months, mark, review_date, groups, reattest, unreviewed) = refs.clone();
    let version = draft.policy_id.is_some();
    let oncontinue = {
        let (settings, problems) = (settings.clone(), problems.clone());
        let refs = refs.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (title, label, months, mark, review_date, groups, reattest, _) = &refs;
            if value(label).trim().is_empty() {
                problems.set(vec![FieldError::new(
                    "p-label",
                    "Enter a version label, for example v2",
                )]);
                return;
            }
            problems.set(Vec::new());
            settings.set(Some(DraftPublish {
                title: Some(value(title)).filter(|t| !t.trim().is_empty()),
                version_label: value(label).trim().to_string(),
                review_period_months: Some(value(months).parse().unwrap_or(0)),
                pass_mark: Some(value(mark).parse().unwrap_or(0)),
                next_review: value(review_date).parse().ok(),
                groups: value(groups)
                    .split([',', ';'])
                    .map(|g| g.trim().to_string())
                    .filter(|g| !g.is_empty())
                    .collect(),
                requires_reattestation: reattest.cast::<HtmlInputElement>().map(|c| c.checked()),
                publish_unreviewed: false,
                schools: schools::chosen_schools(),
            }));
            focus_field("check-title");
        })
    };
    let onchange = {
        let settings = settings.clone();
        Callback::from(move |_: MouseEvent| {
            settings.set(None);
            focus_field("p-label");
        })
    };
    let left = draft.outstanding_clauses + draft.outstanding_questions;
    let onpublish = {
        let (settings, problems, done, id) = (
            settings.clone(),
            problems.clone(),
            done.clone(),
            draft.id.clone(),
        );
        let unreviewed = unreviewed.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(mut s) = (*settings).clone() else {
                return;
            };
            s.publish_unreviewed = unreviewed
                .cast::<HtmlInputElement>()
                .is_some_and(|c| c.checked());
            if left > 0 && !s.publish_unreviewed {
                problems.set(vec![FieldError::new(
                    "confirm-unreviewed",
                    "Review the flagged items first, or tick the box to publish them unreviewed",
                )]);
                return;
            }
            let (problems, done, id) = (problems.clone(), done.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match review::publish(&id, &s).await {
                    Ok(r) => {
                        problems.set(Vec::new());
                        done.set(Some(r));
                        focus_field("published-title");
                    }
                    Err(e) => problems.set(vec![FieldError::new("", e.message())]),
                }
            });
        })
    };
    if let Some(r) = &*done {
        return html! { <section aria-labelledby="published-title">
            <div class="panel notice">
                <h1 id="published-title" tabindex="-1">{ format!("Published {}", r.title) }</h1>
                <p>{ if r.requires_reattestation {
                    "Everyone who signed an earlier version must re-attest."
                } else { "Staff it is assigned to will see it in their training." } }</p>
            </div>
            { schools::adoptions(&r.adoptions) }
            <ul class="links">
                if r.adoptions.is_empty() {
                    <li><Link<Route> to={Route::PolicyHistory { id: r.policy_id.clone() }}>{ "See who did what: the policy's history" }</Link<Route>></li>
                }
                <li>{ super::back_link(draft) }</li>
            </ul>
        </section> };
    }
    let checking = settings.as_ref();
    html! {
        <section aria-labelledby="publish-title">
            <p><Link<Route> to={Route::Draft { id: draft.id.clone() }}>{ "Back to the review" }</Link<Route>></p>
            <h1 id="publish-title">{ format!("Publish {}", draft.title) }</h1>
            <ErrorSummary errors={(*problems).clone()} />
            <form class="panel" onsubmit={oncontinue} novalidate=true hidden={checking.is_some()}>
                <label for="p-title">{ "Title" }</label><input id="p-title" ref={title} />
                <label for="p-label">{ "Version label" }</label>{ field_message(&problems, "p-label") }
                <input id="p-label" ref={label}
                    aria-invalid={invalid(&problems, "p-label")} aria-describedby={described_by(&problems, "p-label", None)} />
                <label for="p-months">{ "Attestation lasts (months)" }</label><input id="p-months" type="number" min="1" max="60" ref={months} />
                <label for="p-mark">{ "Pass mark (%)" }</label><input id="p-mark" type="number" min="1" max="100" ref={mark} />
                <label for="p-review">{ "Next review date" }</label>
                { review_field(draft.next_review, &review_date) }
                <label for="p-groups">{ if version { "Groups (leave empty to keep the current ones)" } else { "Groups that must complete it (comma separated)" } }</label>
                <input id="p-groups" ref={groups} />
                if let Some(trust_id) = &draft.trust_id {
                    <SchoolChoice trust_id={trust_id.clone()} model_id={draft.model_id.clone()} />
                }
                if version {
                    <div class="option">
                        <input id="p-reattest" type="checkbox" ref={reattest} />
                        <label for="p-reattest">{ "Requires re-attestation (on when a duty changed)" }</label>
                    </div>
                }
                <button type="submit" class="primary">{ "Continue" }</button>
            </form>
            if let Some(s) = checking {
                <form class="panel" onsubmit={onpublish} novalidate=true>
                    <h2 id="check-title" tabindex="-1">{ "Check your answers before publishing" }</h2>
                    { answers(draft, s, &onchange) }
                    if left > 0 {
                        <p class="warning">{ format!(
                            "Warning: {left} flagged item(s) have not been looked at. Staff may be taught or asked something the engine misread."
                        ) }</p>
                        { field_message(&problems, "confirm-unreviewed") }
                        <div class="option">
                            <input id="confirm-unreviewed" type="checkbox" ref={unreviewed}
                                aria-invalid={invalid(&problems, "confirm-unreviewed")}
                                aria-describedby={described_by(&problems, "confirm-unreviewed", None)} />
                            <label for="confirm-unreviewed">{ format!("Publish with {left} flagged item(s) unreviewed") }</label>
                        </div>
                    }
                    <button type="submit" class="primary">{ "Publish" }</button>
                </form>
            }
        </section>
    }
}
