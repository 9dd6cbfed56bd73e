//! Policies: the list with insight, and upload → preview (clauses, module, quiz, diff) → publish.

use attest_domain::api::{long_date, PolicyInsight, PolicyPreview, PublishRequest};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

use crate::components::diff_view::DiffView;
use crate::components::error_summary::{
    described_by, field_message, invalid, ErrorSummary, FieldError,
};
use crate::components::scroll_box::ScrollBox;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::select::use_select_value;
use crate::services::manage;

/// The file field's id.
const FILE: &str = "policy-file";

/// Props of [`PoliciesPage`].
#[derive(Properties, PartialEq)]
pub struct PoliciesProps {
    /// The school's id.
    pub id: String,
}

fn value(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The policies page.
#[function_component(PoliciesPage)]
pub fn policies_page(props: &PoliciesProps) -> Html {
    let reload = use_state(|| 0u32);
    let list = use_fetch(
        (props.id.clone(), *reload),
        |(id, _): (String, u32)| async move { manage::policies(&id).await },
    );
    let target = use_node_ref();
    let file = use_node_ref();
    let preview = use_state(|| None::<(PolicyPreview, Option<String>)>);
    // What went well is said in a region that stays in the page; problems in the summary.
    let notice = use_state(|| None::<String>);
    let problems = use_state(Vec::<FieldError>::new);
    let insight = use_state(|| None::<PolicyInsight>);
    let onpreview = {
        let (target, file, preview, id) = (
            target.clone(),
            file.clone(),
            preview.clone(),
            props.id.clone(),
        );
        let (notice, problems) = (notice.clone(), problems.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let policy = target
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .filter(|v| !v.is_empty());
            let (file, preview, id) = (file.clone(), preview.clone(), id.clone());
            let (notice, problems) = (notice.clone(), problems.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Some(input) = file.cast::<HtmlInputElement>() else {
                    return;
                };
                let Some((name, bytes)) = manage::read_chosen_file(&input).await else {
                    problems.set(vec![FieldError::new(
                        FILE,
                        "Choose a .txt, .md, .docx or .pdf file",
                    )]);
                    return;
                };
                problems.set(Vec::new());
                notice.set(Some(format!("Reading {name}…")));
                match manage::preview(&id, &name, policy.as_deref(), &bytes).await {
                    Ok(p) => {
                        notice.set(Some(format!("{name} read: its preview is below.")));
                        preview.set(Some((p, policy)));
                    }
                    Err(e) => {
                        notice.set(None);
                        problems.set(vec![FieldError::new(FILE, e.message())]);
                    }
                }
            });
        })
    };
    let (title, label, months, mark, review, groups, reattest) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let onpublish = {
        let (preview, id, reload) = (preview.clone(), props.id.clone(), reload.clone());
        let (notice, problems) = (notice.clone(), problems.clone());
        let refs = (
            title.clone(),
            label.clone(),
            months.clone(),
            mark.clone(),
            review.clone(),
            groups.clone(),
            reattest.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some((p, policy)) = (*preview).clone() else {
                return;
            };
            let (title, label, months, mark, review, groups, reattest) = refs.clone();
            if value(&label).trim().is_empty() {
                problems.set(vec![FieldError::new(
                    "p-label",
                    "Enter a version label, for example v2",
                )]);
                return;
            }
            problems.set(Vec::new());
            let request = PublishRequest {
                file_name: p.file_name.clone(),
                text: p.text.clone(),
                title: Some(value(&title)).filter(|t| !t.trim().is_empty()),
                version_label: value(&label),
                review_period_months: value(&months).parse().unwrap_or(0),
                pass_mark: value(&mark).parse().unwrap_or(0),
                next_review: value(&review).parse::<chrono::NaiveDate>().ok(),
                groups: value(&groups)
                    .split([',', ';'])
                    .map(|g| g.trim().to_string())
                    .filter(|g| !g.is_empty())
                    .collect(),
                requires_reattestation: reattest.cast::<HtmlInputElement>().map(|c| c.checked()),
                source_sha256: p.source_sha256.clone(),
            };
            let (preview, id, reload) = (preview.clone(), id.clone(), reload.clone());
            let (notice, problems) = (notice.clone(), problems.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match manage::publish(&id, policy.as_deref(), &request).await {
                    Ok(r) => {
                        let note = if r.requires_reattestation {
                            " Everyone who signed an earlier version must re-attest."
                        } else {
                            ""
                        };
                        notice.set(Some(format!(
                            "Published {} {}.{note}",
                            r.title, request.version_label
                        )));
                        preview.set(None);
                        reload.set(*reload + 1);
                    }
                    Err(e) => problems.set(vec![FieldError::new("", e.message())]),
                }
            });
        })
    };
    let policies = match &*list {
        Load::Loaded(l) => l.clone(),
        _ => Vec::new(),
    };
    // A file is a new policy unless the manager says otherwise, again after each publish.
    use_select_value(&target, String::new(), (policies.len(), *reload));
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
                    html! { <li>{ format!("{} — version {} ({} version(s)); groups: {} ", p.title, p.version_label, p.versions, p.groups.join(", ")) }
                        <button type="button" class="link" {onclick}>{ format!("Insight for {}", p.title) }</button>
                        { " " }<Link<Route> to={Route::PolicySettings { id: p.id.clone() }}>{ format!("Settings for {}", p.title) }</Link<Route>></li> }
                }) }</ul> },
                other => placeholder(other, "the policies"),
            } }
            if let Some(i) = &*insight { { insight_table(i) } }
            <h2>{ "Upload a policy or a new version" }</h2>
            <ErrorSummary errors={(*problems).clone()} />
            <form class="panel" onsubmit={onpreview} novalidate=true>
                <label for="target">{ "This file is" }</label>
                <select id="target" ref={target}>
                    <option value="">{ "A new policy" }</option>
                    { for policies.iter().map(|p| html! { <option value={p.id.clone()}>{ format!("A new version of {}", p.title) }</option> }) }
                </select>
                <label for="policy-file">{ "Policy file (.txt, .md, .docx or .pdf, up to 10 MB)" }</label>
                { field_message(&problems, FILE) }
                <input id={FILE} type="file" accept=".txt,.md,.docx,.pdf" ref={file}
                    aria-invalid={invalid(&problems, FILE)} aria-describedby={described_by(&problems, FILE, None)} />
                <button type="submit" class="primary">{ "Preview" }</button>
            </form>
            <div role="status">
                if let Some(m) = &*notice { <p class="notice">{ m }</p> }
            </div>
            if let Some((p, policy)) = &*preview {
                <div class="card">
                    <h2>{ format!("Preview: {}", p.title) }</h2>
                    <p>{ format!("{} clauses ({} with duties), {} lessons, {} questions in the bank.",
                        p.clause_count, p.duty_count, p.module.lessons.len(), p.question_count) }</p>
                    if let Some(d) = &p.diff { <h3>{ "What changed" }</h3><DiffView diff={d.clone()} /> }
                    <details><summary>{ "Lessons" }</summary><ol>{ for p.module.lessons.iter().map(|l| html! { <li>{ &l.section }</li> }) }</ol></details>
                    <details><summary>{ "Sample questions" }</summary><ol>{ for p.quiz_sample.iter().map(|q| html! { <li>{ &q.stem }</li> }) }</ol></details>
                    <form onsubmit={onpublish} novalidate=true>
                        <label for="p-title">{ "Title" }</label><input id="p-title" ref={title} value={p.title.clone()} />
                        <label for="p-label">{ "Version label" }</label>{ field_message(&problems, "p-label") }
                        <input id="p-label" ref={label} required=true value={if policy.is_some() { "v2" } else { "v1" }}
                            aria-invalid={invalid(&problems, "p-label")} aria-describedby={described_by(&problems, "p-label", None)} />
                        <label for="p-months">{ "Attestation lasts (months)" }</label><input id="p-months" type="number" min="1" max="60" ref={months} value="12" />
                        <label for="p-mark">{ "Pass mark (%)" }</label><input id="p-mark" type="number" min="1" max="100" ref={mark} value="80" />
                        <label for="p-review">{ "Next review date" }</label>
                        { review_field(p.next_review, &review) }
                        <label for="p-groups">{ if policy.is_some() { "Groups (leave empty to keep the current ones)" } else { "Groups that must complete it (comma separated)" } }</label>
                        <input id="p-groups" ref={groups} value={if policy.is_some() { String::new() } else { "teaching, support, governors, volunteers".to_string() }} />
                        if policy.is_some() {
                            <div class="option">
                                <input id="p-reattest" type="checkbox" ref={reattest.clone()} checked={p.diff.as_ref().is_some_and(|d| d.duty_changed())} />
                                <label for="p-reattest">{ "Requires re-attestation (on when a duty changed)" }</label>
                            </div>
                        }
                        <button type="submit" class="primary">{ "Publish" }</button>
                    </form>
                </div>
            }
        </section>
    }
}

fn insight_table(i: &PolicyInsight) -> Html {
    html! {
        <ScrollBox label={format!("{} {}: clauses most often wrong on a first attempt ({} first attempts)", i.title, i.version_label, i.first_attempts)}><table>
            <caption>{ format!("{} {}: clauses most often wrong on a first attempt ({} first attempts)", i.title, i.version_label, i.first_attempts) }</caption>
            <thead><tr><th scope="col">{ "Clause" }</th><th scope="col">{ "Wrong" }</th><th scope="col">{ "Text" }</th></tr></thead>
            <tbody>{ for i.clauses.iter().take(10).map(|c| html! { <tr>
                <th scope="row">{ &c.clause_id }</th><td>{ format!("{}% ({} of {})", c.percent_wrong, c.wrong, c.asked) }</td><td>{ &c.text }</td>
            </tr> }) }</tbody>
        </table></ScrollBox>
    }
}

/// Today in the browser's time zone.
fn today() -> Option<chrono::NaiveDate> {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
}

/// The review date field: the document's date, unless it has passed, when a year from
/// today is suggested instead, with a word about the document's.
fn review_field(from_document: Option<chrono::NaiveDate>, review: &NodeRef) -> Html {
    let today = today();
    let passed = from_document.zip(today).filter(|(d, t)| d < t);
    let suggested = match passed {
        Some((_, t)) => t.checked_add_months(chrono::Months::new(12)),
        None => from_document,
    };
    html! { <>
        if let Some((d, _)) = passed {
            <p class="warning" id="p-review-hint">{ format!(
                "The document gives {} as its review date, which has passed. We suggest a year from today; change it if the policy says otherwise.",
                long_date(d)
            ) }</p>
        }
        <input id="p-review" type="date" ref={review.clone()} aria-describedby={passed.map(|_| "p-review-hint")}
            value={suggested.map(|d| d.to_string()).unwrap_or_default()} />
    </> }
}
