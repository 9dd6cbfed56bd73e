//! One question under review (approve, edit, retire), and the form that edits or writes one.

use attest_domain::api::{DraftQuestion, PolicyDraft, QuestionReview};
use attest_domain::review::{QuestionAction, WrittenQuestion};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{dom_id, reading_line, reviewed_line};
use crate::hooks::field::use_field_value;
use crate::hooks::select::use_select_value;
use crate::services::review;

/// Props of [`QuestionForm`].
#[derive(Properties, PartialEq)]
pub struct QuestionFormProps {
    /// Makes the fields' ids unique on the page.
    pub key_name: String,
    /// What the fields start with.
    pub start: WrittenQuestion,
    /// The clauses a question may be decided by: id, and how the list shows it.
    pub clauses: Vec<(String, String)>,
    /// The button's words.
    pub label: &'static str,
    /// The question as written.
    pub onsubmit: Callback<WrittenQuestion>,
}

/// The fields of a question: its clause, stem, options (one a line), right option and why.
#[function_component(QuestionForm)]
pub fn question_form(props: &QuestionFormProps) -> Html {
    let (clause, stem, options, answer, why) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    use_select_value(
        &clause,
        props.start.clause_id.clone(),
        props.clauses.clone(),
    );
    let s = &props.start;
    use_field_value(&stem, s.stem.clone(), ());
    use_field_value(&options, s.options.join("\n"), ());
    let number = if s.options.is_empty() {
        String::new()
    } else {
        (s.answer + 1).to_string()
    };
    use_field_value(&answer, number, ());
    use_field_value(&why, s.explanation.clone(), ());
    let onsubmit = {
        let refs = (
            clause.clone(),
            stem.clone(),
            options.clone(),
            answer.clone(),
            why.clone(),
        );
        let cb = props.onsubmit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (clause, stem, options, answer, why) = &refs;
            let area = |n: &NodeRef| {
                n.cast::<HtmlTextAreaElement>()
                    .map(|t| t.value())
                    .unwrap_or_default()
            };
            let number = answer
                .cast::<HtmlInputElement>()
                .and_then(|i| i.value().trim().parse::<usize>().ok())
                .unwrap_or(0);
            cb.emit(WrittenQuestion {
                clause_id: clause
                    .cast::<HtmlSelectElement>()
                    .map(|s| s.value())
                    .unwrap_or_default(),
                stem: area(stem),
                options: area(options)
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
                // People count options from 1; a 0 or a blank is refused by the server as no answer.
                answer: number.checked_sub(1).unwrap_or(usize::MAX),
                explanation: area(why),
            });
        })
    };
    let k = &props.key_name;
    html! {
        <form class="question-form" {onsubmit} novalidate=true>
            <label for={format!("{k}-clause")}>{ "Decided by clause" }</label>
            <select id={format!("{k}-clause")} ref={clause}>
                { for props.clauses.iter().map(|(id, shown)| html! { <option value={id.clone()}>{ shown }</option> }) }
            </select>
            <label for={format!("{k}-stem")}>{ "The situation and the question" }</label>
            <textarea id={format!("{k}-stem")} rows="3" ref={stem} />
            <label for={format!("{k}-options")}>{ "Options, one on each line" }</label>
            <textarea id={format!("{k}-options")} rows="4" ref={options} />
            <label for={format!("{k}-answer")}>{ "Number of the right option" }</label>
            <input id={format!("{k}-answer")} type="number" min="1" max="6" inputmode="numeric" ref={answer} />
            <label for={format!("{k}-why")}>{ "Why (shown after the quiz)" }</label>
            <textarea id={format!("{k}-why")} rows="2" ref={why} />
            <div class="actions"><button type="submit" class="primary">{ props.label }</button></div>
        </form>
    }
}

/// Props of [`QuestionCard`].
#[derive(Properties, PartialEq)]
pub struct QuestionCardProps {
    /// The draft's id.
    pub draft_id: String,
    /// The question.
    pub item: DraftQuestion,
    /// The taught clauses: id, and how the list shows it.
    pub clauses: Vec<(String, String)>,
    /// The draft after a decision.
    pub onchange: Callback<PolicyDraft>,
    /// A refusal, to show at the top of the page.
    pub onerror: Callback<String>,
}

/// What a page says of a decision.
fn decided(action: Option<QuestionAction>) -> &'static str {
    match action {
        None => "Not looked at yet",
        Some(QuestionAction::Approved) => "Approved",
        Some(QuestionAction::Edited) => "Edited",
        Some(QuestionAction::Retired) => "Retired: never asked",
        Some(QuestionAction::Written) => "Written by a manager",
    }
}

/// The question's card.
#[function_component(QuestionCard)]
pub fn question_card(props: &QuestionCardProps) -> Html {
    let q = &props.item.question;
    let key = dom_id(&q.id);
    let decide = {
        let (id, question) = (props.draft_id.clone(), q.id.clone());
        let (onchange, onerror) = (props.onchange.clone(), props.onerror.clone());
        move |action: QuestionAction, edited: Option<WrittenQuestion>| {
            let review = QuestionReview {
                action,
                question: edited,
            };
            let (id, question) = (id.clone(), question.clone());
            let (onchange, onerror) = (onchange.clone(), onerror.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match review::decide(&id, &question, &review).await {
                    Ok(d) => onchange.emit(d),
                    Err(e) => onerror.emit(e.message()),
                }
            });
        }
    };
    let on = |action: QuestionAction| {
        let decide = decide.clone();
        Callback::from(move |_: MouseEvent| decide(action, None))
    };
    let onedit = {
        let decide = decide.clone();
        Callback::from(move |w: WrittenQuestion| decide(QuestionAction::Edited, Some(w)))
    };
    let start = WrittenQuestion {
        clause_id: q.clause_ids.first().cloned().unwrap_or_default(),
        stem: q.stem.clone(),
        options: q.options.clone(),
        answer: q.answer,
        explanation: q.explanation.clone(),
    };
    let retired = props.item.action == Some(QuestionAction::Retired);
    html! {
        <article class={classes!("card", "review-item", retired.then_some("retired"))} id={format!("question-{key}")}
            aria-labelledby={format!("question-{key}-title")}>
            <h3 id={format!("question-{key}-title")}>{ format!("Question on clause {}", q.clause_ids.join(", ")) }</h3>
            { reading_line(&props.item.reading) }
            <p class="meta">{ decided(props.item.action) }</p>
            { reviewed_line(props.item.reviewed.as_ref(), props.item.carried) }
            <p class="stem">{ &q.stem }</p>
            <ol class="options">{ for q.options.iter().enumerate().map(|(i, o)| html! {
                <li>{ o }if i == q.answer { <strong>{ " — the right answer" }</strong> }</li>
            }) }</ol>
            <p class="explanation">{ &q.explanation }</p>
            <div class="actions">
                <button type="button" class="primary" onclick={on(QuestionAction::Approved)}>{ "Approve" }</button>
                if !retired { <button type="button" class="secondary" onclick={on(QuestionAction::Retired)}>{ "Retire" }</button> }
            </div>
            <details>
                <summary>{ "Edit this question" }</summary>
                <QuestionForm key_name={format!("edit-{key}")} {start} clauses={props.clauses.clone()}
                    label="Save the edited question" onsubmit={onedit} />
            </details>
        </article>
    }
}
