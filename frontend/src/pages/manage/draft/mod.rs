//! Review before publish: a draft's clauses and questions, least sure first, then on to publish.

pub mod clause_card;
pub mod publish;
mod question_card;
mod schools;

use attest_domain::api::{long_date, PolicyDraft};
use attest_domain::diff::ChangeClass;
use attest_domain::review::{least_sure_first, Reading, Reviewed, WrittenQuestion};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::diff_view::DiffView;
use crate::components::error_summary::{ErrorSummary, FieldError};
use crate::hooks::fetch::{announce, placeholder, use_fetch, Load};
use crate::services::review;
use clause_card::ClauseCard;
use question_card::{QuestionCard, QuestionForm};

/// An id fit for the page (clause and question ids hold dots and colons).
pub fn dom_id(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The way back from a draft: to the school's policies, or to the trust's model policies.
pub fn back_link(d: &PolicyDraft) -> Html {
    match (&d.school_id, &d.trust_id) {
        (Some(id), _) => html! {
            <Link<Route> to={Route::Policies { id: id.clone() }}>{ "Back to policies" }</Link<Route>>
        },
        (None, Some(id)) => html! {
            <Link<Route> to={Route::TrustModels { id: id.clone() }}>{ "Back to model policies" }</Link<Route>>
        },
        (None, None) => html! {},
    }
}

/// How sure the engine is, in words, with why not more.
pub fn reading_line(r: &Reading) -> Html {
    let (class, words) = if r.flagged() {
        ("badge overdue", "Check this")
    } else {
        ("badge attested", "Read with confidence")
    };
    html! { <>
        <p class="meta"><span class={class}>{ words }</span>{ format!(" Engine's confidence: {}%", r.confidence) }</p>
        if !r.reasons.is_empty() {
            <ul class="reasons">{ for r.reasons.iter().map(|x| html! { <li>{ x }</li> }) }</ul>
        }
    </> }
}

/// How a clause is offered in a question's "decided by" list: its number and opening words,
/// so a manager on a phone need not scroll back to see which is which.
pub fn clause_choice(id: &str, text: &str) -> String {
    const WORDS: usize = 8;
    let words: Vec<&str> = text.split_whitespace().collect();
    let more = if words.len() > WORDS { "…" } else { "" };
    format!("{id} — {}{more}", words[..words.len().min(WORDS)].join(" "))
}

/// Who looked at an item and when, if anyone.
pub fn reviewed_line(r: Option<&Reviewed>, carried: bool) -> Html {
    match r {
        Some(r) => html! { <p class="meta">{ format!(
            "Looked at by {} on {}{}",
            r.by,
            long_date(r.at.date_naive()),
            if carried { " (carried from the last version: its text is unchanged)" } else { "" }
        ) }</p> },
        None => html! {},
    }
}

/// Props of [`DraftPage`].
#[derive(Properties, PartialEq)]
pub struct DraftProps {
    /// The draft's id.
    pub id: String,
}

/// The review page.
#[function_component(DraftPage)]
pub fn draft_page(props: &DraftProps) -> Html {
    let loaded = use_fetch(props.id.clone(), |id: String| async move {
        review::draft(&id).await
    });
    let current = use_state(|| None::<PolicyDraft>);
    let problems = use_state(Vec::<FieldError>::new);
    let onchange = {
        let (current, problems) = (current.clone(), problems.clone());
        Callback::from(move |d: PolicyDraft| {
            problems.set(Vec::new());
            announce(&format!(
                "Saved. {} flagged item(s) left to look at.",
                d.outstanding_clauses + d.outstanding_questions
            ));
            current.set(Some(d));
        })
    };
    let onerror = {
        let problems = problems.clone();
        Callback::from(move |m: String| problems.set(vec![FieldError::new("", m)]))
    };
    // The latest answer of a step, while it is about this page's draft.
    let stepped = current.as_ref().filter(|d| d.id == props.id);
    let draft = match (stepped, &*loaded) {
        (Some(d), _) | (None, Load::Loaded(d)) => d.clone(),
        (None, other) => return placeholder(other, "the draft"),
    };
    let clauses: Vec<(String, String)> = draft
        .clauses
        .iter()
        .filter(|c| c.taught)
        .map(|c| {
            (
                c.clause.id.clone(),
                clause_choice(&c.clause.id, &c.clause.text),
            )
        })
        .collect();
    let readings: Vec<&Reading> = draft.clauses.iter().map(|c| &c.reading).collect();
    let order = least_sure_first(&readings);
    let onwrite = {
        let (id, onchange, onerror) = (draft.id.clone(), onchange.clone(), onerror.clone());
        Callback::from(move |w: WrittenQuestion| {
            let (id, onchange, onerror) = (id.clone(), onchange.clone(), onerror.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match review::write(&id, &w).await {
                    Ok(d) => onchange.emit(d),
                    Err(e) => onerror.emit(e.message()),
                }
            });
        })
    };
    let left = draft.outstanding_clauses + draft.outstanding_questions;
    let start = WrittenQuestion {
        clause_id: clauses
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
        ..WrittenQuestion::default()
    };
    html! {
        <section aria-labelledby="draft-title" class="review">
            <p>{ back_link(&draft) }</p>
            <h1 id="draft-title">{ format!("Review: {}", draft.title) }</h1>
            <ErrorSummary errors={(*problems).clone()} />
            <p class="lead">{ match &draft.replaces {
                _ if draft.trust_id.is_some() => format!("A model policy for the trust's schools, from {}. Check how the engine read it before you publish it to them.", draft.file_name),
                Some(t) => format!("A new version of {t}, from {}. Check how the engine read it before staff see it.", draft.file_name),
                None => format!("A new policy, from {}. Check how the engine read it before staff see it.", draft.file_name),
            } }</p>
            if draft.published {
                <p class="notice">{ "This draft has been published." }</p>
            } else if left > 0 {
                <p class="warning" id="left">{ format!(
                    "{} flagged clause(s) and {} flagged question(s) are waiting for you. The least sure come first.",
                    draft.outstanding_clauses, draft.outstanding_questions
                ) }</p>
            } else {
                <p class="notice" id="left">{ "Every flagged item has been looked at." }</p>
            }
            if draft.carried > 0 {
                <p>{ format!("{} clause(s) kept their review from the last version, as their text did not change.", draft.carried) }</p>
            }
            if let Some(d) = &draft.diff {
                <h2>{ "What changed" }</h2>
                <p>{ format!(
                    "{} duty changes, {} added, {} removed, {} reworded only. {}",
                    d.count_class(ChangeClass::DutyChanged), d.count_class(ChangeClass::Added),
                    d.count_class(ChangeClass::Removed), d.count_class(ChangeClass::WordingOnly),
                    if d.duty_changed() { "Staff will be asked to re-attest." } else { "Wording only: attestations carry over." }
                ) }</p>
                <DiffView diff={d.material()} />
            }
            // A long draft is a long scroll on a phone: a way straight to each part.
            <nav aria-label="Parts of the review" class="actions">
                <Link<Route> classes="button primary" to={Route::DraftPublish { id: draft.id.clone() }}>{ "Continue to publish" }</Link<Route>>
                <a class="button secondary" href="#clauses">{ "Clauses" }</a>
                <a class="button secondary" href="#questions">{ "Questions" }</a>
                <a class="button secondary" href="#write">{ "Write a question" }</a>
            </nav>
            <h2 id="clauses">{ format!("Clauses ({}), least sure first", draft.clauses.len()) }</h2>
            { for order.iter().map(|&i| {
                let item = draft.clauses[i].clone();
                let key = item.clause.id.clone();
                let next_id = draft.clauses.get(i + 1).map(|n| n.clause.id.clone());
                html! { <ClauseCard {key} draft_id={draft.id.clone()} {item} {next_id}
                    onchange={onchange.clone()} onerror={onerror.clone()} /> }
            }) }
            <h2 id="questions">{ format!("Questions ({}), least sure first", draft.questions.len()) }</h2>
            <p>{ format!("Staff are asked from {} of them.", draft.bank_size) }</p>
            { for draft.questions.iter().map(|q| html! {
                <QuestionCard key={q.question.id.clone()} draft_id={draft.id.clone()} item={q.clone()}
                    clauses={clauses.clone()} onchange={onchange.clone()} onerror={onerror.clone()} />
            }) }
            <h2 id="write">{ "Write a question" }</h2>
            // Keyed by the number of questions, so the form starts empty again once one is added.
            <div class="card">
                <QuestionForm key={format!("new-{}", draft.questions.len())} key_name="new" {start} clauses={clauses.clone()} label="Add the question" onsubmit={onwrite} />
            </div>
            <p><Link<Route> classes="button primary" to={Route::DraftPublish { id: draft.id.clone() }}>{ "Continue to publish" }</Link<Route>></p>
        </section>
    }
}
