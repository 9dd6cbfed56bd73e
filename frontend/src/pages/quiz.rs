//! The scenario quiz: answer, submit, see why, then attest (or try a fresh mix).

use attest_domain::api::{count, AttemptResult, AttemptView, ModuleView};
use web_sys::HtmlElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::attest_form::AttestForm;
use crate::components::error_summary::{
    field_message, focus_field, invalid, ErrorSummary, FieldError,
};
use crate::components::graded::GradedList;
use crate::components::outcome::AlertRegion;
use crate::components::reread_list::RereadList;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::page::use_page_title;
use crate::hooks::session::{report_failure, use_session, use_signed_in};
use crate::services::modules;

/// Props of [`Quiz`].
#[derive(Properties, PartialEq)]
pub struct QuizProps {
    /// The policy version being tested.
    pub version_id: String,
}

/// Draws an attempt, then shows the form or the result.
#[function_component(Quiz)]
pub fn quiz(props: &QuizProps) -> Html {
    let me = use_signed_in();
    // Bumping the round draws a fresh attempt (a retake).
    let round = use_state(|| 0u32);
    let attempt = use_fetch(
        (props.version_id.clone(), *round),
        |(id, _): (String, u32)| async move { modules::start_attempt(&id).await },
    );
    let module = use_fetch(props.version_id.clone(), |id: String| async move {
        modules::module(&id).await
    });
    use_page_title(match &*module {
        Load::Loaded(m) => Some(format!("Quiz: {}", m.title)),
        _ => None,
    });
    let result = use_state(|| None::<AttemptResult>);
    let retake = {
        let (round, result) = (round.clone(), result.clone());
        Callback::from(move |_: MouseEvent| {
            result.set(None);
            round.set(*round + 1);
        })
    };
    // A retake replaces the result (and the button pressed) with a new attempt: start it
    // at the heading, once it is drawn.
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        let retaking = *round > 0;
        let drawn = match &*attempt {
            Load::Loaded(a) => Some(a.id.clone()),
            _ => None,
        };
        use_effect_with(drawn, move |drawn| {
            if let (true, Some(_), Some(h)) = (retaking, drawn, heading.cast::<HtmlElement>()) {
                let _ = h.focus();
            }
        });
    }
    let onresult = {
        let result = result.clone();
        Callback::from(move |r: AttemptResult| result.set(Some(r)))
    };
    let module = match &*module {
        Load::Loaded(module) => module,
        // Show why the quiz is not here: the module's failure counts as much as the attempt's.
        Load::Failed(_) => return placeholder(&*module, "the module"),
        Load::Loading => return placeholder(&*attempt, "your quiz"),
    };
    let name = me.map(|m| m.name).unwrap_or_default();
    // Passed earlier (before a reload, or on another device): sign without a retake, even
    // if no new attempt may be drawn today.
    let signable = module.unattested_pass.clone().filter(|_| *round == 0);
    let body = if let Some(result) = &*result {
        html! { <ResultView result={result.clone()} module={module.clone()} name={name} onretake={retake} /> }
    } else if let Some(attempt_id) = signable {
        html! { <>
            <p class="verdict pass" role="status" id="quiz-verdict">{ "You have passed this quiz." }</p>
            <AttestForm {attempt_id} module={module.clone()} {name} />
        </> }
    } else {
        match &*attempt {
            Load::Loaded(attempt) => html! { <QuizForm attempt={attempt.clone()} {onresult} /> },
            // Not yet (lessons to read, or too many attempts today): say why, and what to read.
            Load::Failed(_) => html! { <>
                { placeholder(&*attempt, "your quiz") }
                <RereadList version_id={module.version_id.clone()} links={module.reread.clone()} />
                <p><Link<Route> to={Route::Module { version_id: module.version_id.clone() }}>{ "Go to the module" }</Link<Route>></p>
            </> },
            Load::Loading => placeholder(&*attempt, "your quiz"),
        }
    };
    html! {
        <section aria-labelledby="quiz-title">
            <h1 id="quiz-title" tabindex="-1" ref={heading}>{ format!("Quiz: {}", module.title) }</h1>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct QuizFormProps {
    attempt: AttemptView,
    onresult: Callback<AttemptResult>,
}

#[function_component(QuizForm)]
fn quiz_form(props: &QuizFormProps) -> Html {
    let answers = use_state(|| vec![None::<usize>; props.attempt.questions.len()]);
    let problems = use_state(Vec::<FieldError>::new);
    let error = use_state(|| None::<String>);
    let session = use_session();
    let busy = use_state(|| false);
    let option_id = |i: usize, j: usize| format!("{}-{j}", props.attempt.questions[i].id);
    let onsubmit = {
        let (answers, problems, error, busy) = (
            answers.clone(),
            problems.clone(),
            error.clone(),
            busy.clone(),
        );
        let (attempt_id, onresult) = (props.attempt.id.clone(), props.onresult.clone());
        let first_options: Vec<String> = (0..props.attempt.questions.len())
            .map(|i| option_id(i, 0))
            .collect();
        let session = session.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let missing: Vec<FieldError> = answers
                .iter()
                .enumerate()
                .filter(|(_, a)| a.is_none())
                .map(|(i, _)| {
                    FieldError::new(
                        first_options[i].clone(),
                        format!("Answer question {}", i + 1),
                    )
                })
                .collect();
            if let Some(first) = missing.first() {
                // Straight to the first unanswered question; the summary lists the rest.
                focus_field(&first.field);
                problems.set(missing);
                return;
            }
            problems.set(Vec::new());
            let (error, busy, attempt_id, onresult, session) = (
                error.clone(),
                busy.clone(),
                attempt_id.clone(),
                onresult.clone(),
                session.clone(),
            );
            let chosen = (*answers).clone();
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match modules::submit(&attempt_id, chosen).await {
                    Ok(result) => onresult.emit(result),
                    Err(e) => {
                        report_failure(&session, &e);
                        error.set(Some(e.message()));
                        busy.set(false);
                    }
                }
            });
        })
    };
    html! {
        <form class="quiz" {onsubmit} novalidate=true data-attempt={props.attempt.id.clone()}>
            <ErrorSummary errors={(*problems).clone()} take_focus={false} />
            <p class="lead">{ format!("{}. You need {}% to pass.", count(props.attempt.questions.len() as u64, "question", "questions"), props.attempt.pass_mark) }</p>
            { for props.attempt.questions.iter().enumerate().map(|(i, q)| {
                let first = option_id(i, 0);
                let unanswered = answers[i].is_none() && invalid(&problems, &first).is_some();
                html! {
                    <fieldset class={classes!("question", "card", unanswered.then_some("invalid"))}
                        aria-describedby={unanswered.then(|| format!("{first}-error"))}>
                        <legend>{ format!("{}. {}", i + 1, q.stem) }</legend>
                        if unanswered { { field_message(&problems, &first) } }
                        { for q.options.iter().enumerate().map(|(j, option)| {
                            let id = option_id(i, j);
                            let checked = answers[i] == Some(j);
                            let answers = answers.clone();
                            let onchange = Callback::from(move |_: Event| {
                                let mut next = (*answers).clone();
                                next[i] = Some(j);
                                answers.set(next);
                            });
                            html! {
                                <div class="option">
                                    <input type="radio" id={id.clone()} name={q.id.clone()} value={j.to_string()}
                                        aria-invalid={unanswered.then_some("true")} {checked} {onchange} />
                                    <label for={id}>{ option }</label>
                                </div>
                            }
                        }) }
                    </fieldset>
                }
            }) }
            <AlertRegion message={(*error).clone()} />
            <button type="submit" class="primary" disabled={*busy}>{ if *busy { "Checking…" } else { "Submit answers" } }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ResultProps {
    result: AttemptResult,
    module: ModuleView,
    name: String,
    onretake: Callback<MouseEvent>,
}

#[function_component(ResultView)]
fn result_view(props: &ResultProps) -> Html {
    let r = &props.result;
    // The form the person was at the bottom of is gone: take them (and their screen reader) to the verdict.
    let verdict = use_node_ref();
    {
        let verdict = verdict.clone();
        use_effect_with(r.attempt_id.clone(), move |_| {
            if let Some(v) = verdict.cast::<web_sys::HtmlElement>() {
                let _ = v.focus();
            }
        });
    }
    html! {
        <div class="result">
            <p class={if r.passed { "verdict pass" } else { "verdict fail" }} role="status" id="quiz-verdict" tabindex="-1" ref={verdict}>
                { if r.passed {
                    format!("You passed: {} of {} correct.", r.score, r.total)
                } else {
                    format!("Not this time: {} of {} correct; you need {}%.", r.score, r.total, r.pass_mark)
                } }
            </p>
            if r.passed {
                <AttestForm attempt_id={r.attempt_id.clone()} module={props.module.clone()} name={props.name.clone()} />
            } else if r.reread.is_empty() {
                <p>
                    <button type="button" class="primary" id="retake" onclick={props.onretake.clone()}>{ "Try again with new questions" }</button>
                </p>
                <p><Link<Route> to={Route::Module { version_id: r.version_id.clone() }}>{ "Read the module again" }</Link<Route>></p>
            } else {
                <RereadList version_id={r.version_id.clone()} links={r.reread.clone()} />
            }
            <h2>{ "Your answers" }</h2>
            if !r.passed {
                <p>{ "The right answers are not shown until you pass, so the next quiz tests your reading rather than your memory." }</p>
            }
            <GradedList questions={r.questions.clone()} />
        </div>
    }
}
