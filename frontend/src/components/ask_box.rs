//! "Can I …?": a reader types a situation and hears what their policy says about it, with the
//! deciding clause quoted, or that the policy does not say and whom to ask.

use attest_domain::ask::Answer;
use attest_domain::quiz::Verdict;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::error_summary::{described_by, field_message, invalid, FieldError};
use crate::hooks::session::{report_failure, use_session};
use crate::services::modules;

/// The question field's id.
const FIELD: &str = "ask-q";

/// Props of [`AskBox`].
#[derive(Properties, PartialEq)]
pub struct AskBoxProps {
    /// The policy version asked about.
    pub version_id: String,
    /// The school, named in "ask …" when the policy does not decide.
    pub school_name: String,
}

/// What the box shows under the form.
#[derive(Debug, Clone, PartialEq)]
enum Reply {
    Nothing,
    Asking,
    Answered(Answer),
    Failed(String),
}

/// The form and its answer; the answer's region stays in the page so each answer is read.
#[function_component(AskBox)]
pub fn ask_box(props: &AskBoxProps) -> Html {
    let field = use_node_ref();
    let reply = use_state(|| Reply::Nothing);
    let problems = use_state(Vec::<FieldError>::new);
    let session = use_session();
    let onsubmit = {
        let (field, reply, problems) = (field.clone(), reply.clone(), problems.clone());
        let version_id = props.version_id.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let situation = field
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if situation.trim().is_empty() {
                problems.set(vec![FieldError::new(
                    FIELD,
                    "Describe what you want to do, for example “accept a pupil's friend request”",
                )]);
                return;
            }
            problems.set(Vec::new());
            reply.set(Reply::Asking);
            let (reply, version_id, session) = (reply.clone(), version_id.clone(), session.clone());
            wasm_bindgen_futures::spawn_local(async move {
                reply.set(match modules::ask(&version_id, situation.trim()).await {
                    Ok(answer) => Reply::Answered(answer),
                    Err(failure) => {
                        report_failure(&session, &failure);
                        Reply::Failed(failure.message())
                    }
                });
            });
        })
    };
    html! {
        <section class="card ask" aria-labelledby="ask-title">
            <h2 id="ask-title">{ "Can I …?" }</h2>
            <form {onsubmit} novalidate=true>
                <label for={FIELD}>{ "Ask what your policy says about something you want to do" }</label>
                { field_message(&problems, FIELD) }
                <div class="ask-row">
                    <input id={FIELD} type="text" ref={field} maxlength="1000" autocomplete="off"
                        placeholder="Can I …" aria-invalid={invalid(&problems, FIELD)}
                        aria-describedby={described_by(&problems, FIELD, None)} />
                    <button type="submit" class="secondary">{ "Ask" }</button>
                </div>
            </form>
            <div id="ask-answer" role="status" aria-live="polite">
                { match &*reply {
                    Reply::Nothing => html! {},
                    Reply::Asking => html! { <p class="loading">{ "Looking in your policy…" }</p> },
                    Reply::Failed(message) => html! { <p class="error">{ message }</p> },
                    Reply::Answered(answer) => answer_view(answer, &props.school_name),
                } }
            </div>
        </section>
    }
}

fn answer_view(answer: &Answer, school_name: &str) -> Html {
    let Some(clause) = answer.clause_id.as_ref().filter(|_| answer.covered) else {
        return html! {
            <p class="verdict-text not-covered">
                { format!("Your policy doesn't say — ask your line manager or the headteacher at {school_name}.") }
            </p>
        };
    };
    html! { <>
        <p class="verdict-text">{ verdict_words(answer.verdict) }</p>
        <figure class="ask-quote">
            <blockquote>{ &answer.quote }</blockquote>
            <figcaption>{ format!("Clause {clause} of your policy") }</figcaption>
        </figure>
    </> }
}

/// The verdict in plain words, as the answer to "Can I …?".
fn verdict_words(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(Verdict::Required) => "Yes, and you must: your policy requires it.",
        Some(Verdict::Prohibited) => "No. Your policy does not allow it.",
        Some(Verdict::Recommended) => "Yes: your policy says you should.",
        Some(Verdict::Discouraged) => "Best not: your policy advises against it.",
        Some(Verdict::Permitted) => "Yes, your policy allows it.",
        None => "Your policy says this about it:",
    }
}
