//! The scenario quiz: answer, submit, see why, then attest (or try a fresh mix).

use attest_domain::api::{AttemptResult, AttemptView, ModuleView};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::attest_form::AttestForm;
use crate::components::graded::GradedList;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
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
    let result = use_state(|| None::<AttemptResult>);
    let retake = {
        let (round, result) = (round.clone(), result.clone());
        Callback::from(move |_: MouseEvent| {
            result.set(None);
            round.set(*round + 1);
        })
    };
    let onresult = {
        let result = result.clone();
        Callback::from(move |r: AttemptResult| result.set(Some(r)))
    };
    let (attempt, module) = match (&*attempt, &*module) {
        (Load::Loaded(attempt), Load::Loaded(module)) => (attempt, module),
        // Show why the quiz is not here: the module's failure counts as much as the attempt's.
        (_, Load::Failed(_)) => return placeholder(&*module, "the module"),
        _ => return placeholder(&*attempt, "your quiz"),
    };
    let name = me.map(|m| m.name).unwrap_or_default();
    html! {
        <section aria-labelledby="quiz-title">
            <h1 id="quiz-title">{ format!("Quiz: {}", module.title) }</h1>
            if let Some(result) = &*result {
                <ResultView result={result.clone()} module={module.clone()} name={name} onretake={retake} />
            } else if let (Some(attempt_id), 0) = (&module.unattested_pass, *round) {
                // Passed earlier (before a reload, or on another device): sign without a retake.
                <p class="verdict pass" role="status" id="quiz-verdict">{ "You have passed this quiz." }</p>
                <AttestForm attempt_id={attempt_id.clone()} module={module.clone()} {name} />
            } else {
                <QuizForm attempt={attempt.clone()} {onresult} />
            }
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
    let error = use_state(|| None::<String>);
    let session = use_session();
    let busy = use_state(|| false);
    let onsubmit = {
        let (answers, error, busy) = (answers.clone(), error.clone(), busy.clone());
        let (attempt_id, onresult) = (props.attempt.id.clone(), props.onresult.clone());
        let session = session.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let unanswered = answers.iter().filter(|a| a.is_none()).count();
            if unanswered > 0 {
                error.set(Some(format!(
                    "Answer every question first ({unanswered} left)."
                )));
                return;
            }
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
        <form class="quiz" {onsubmit} data-attempt={props.attempt.id.clone()}>
            <p class="lead">{ format!("{} questions. You need {}% to pass.", props.attempt.questions.len(), props.attempt.pass_mark) }</p>
            { for props.attempt.questions.iter().enumerate().map(|(i, q)| {
                let name = q.id.clone();
                html! {
                    <fieldset class="question card">
                        <legend>{ format!("{}. {}", i + 1, q.stem) }</legend>
                        { for q.options.iter().enumerate().map(|(j, option)| {
                            let id = format!("{}-{}", q.id, j);
                            let checked = answers[i] == Some(j);
                            let answers = answers.clone();
                            let onchange = Callback::from(move |_: Event| {
                                let mut next = (*answers).clone();
                                next[i] = Some(j);
                                answers.set(next);
                            });
                            html! {
                                <div class="option">
                                    <input type="radio" id={id.clone()} name={name.clone()} value={j.to_string()}
                                        {checked} {onchange} />
                                    <label for={id}>{ option }</label>
                                </div>
                            }
                        }) }
                    </fieldset>
                }
            }) }
            if let Some(message) = &*error {
                <p class="error" role="alert">{ message }</p>
            }
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
            } else {
                <p>
                    <button type="button" class="primary" id="retake" onclick={props.onretake.clone()}>{ "Try again with new questions" }</button>
                </p>
                <p><Link<Route> to={Route::Module { version_id: r.version_id.clone() }}>{ "Read the module again" }</Link<Route>></p>
            }
            <h2>{ "Your answers" }</h2>
            <GradedList questions={r.questions.clone()} />
        </div>
    }
}
