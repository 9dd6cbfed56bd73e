//! Pausing a person's training at one school (leave, long illness): the pause as recorded,
//! a button to end it, or a form to record one. Nothing falls due meanwhile and their
//! deadlines move on by its length (the server's status rule).

use attest_domain::api::{long_date, PauseInput, PersonDetail, PersonMembership};
use chrono::NaiveDate;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::error_summary::{ErrorSummary, FieldError};
use crate::services::manage;

/// Props of [`PauseTraining`].
#[derive(Properties, PartialEq)]
pub struct PauseTrainingProps {
    /// The person.
    pub person_id: String,
    /// Their membership of one of the manager's schools.
    pub membership: PersonMembership,
    /// The person as the server now has them, after a change.
    pub on_change: Callback<PersonDetail>,
}

fn value(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// What the form holds, checked as the server will check it, so the summary can link to
/// the field at fault.
fn read(
    school_id: &str,
    from: &str,
    until: &str,
    reason: &str,
    ids: &[String; 3],
) -> Result<PauseInput, Vec<FieldError>> {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let mut problems = Vec::new();
    let (from, until) = (day(from), day(until));
    if from.is_none() {
        problems.push(FieldError::new(&ids[0], "Enter the first day of the pause"));
    }
    if until.is_none() {
        problems.push(FieldError::new(&ids[1], "Enter the last day of the pause"));
    }
    if reason.trim().is_empty() {
        problems.push(FieldError::new(
            &ids[2],
            "Enter why their training is paused (for example, maternity leave)",
        ));
    }
    match (from, until) {
        (Some(from), Some(until)) if problems.is_empty() => Ok(PauseInput {
            school_id: Some(school_id.to_string()),
            from,
            until,
            reason: reason.trim().to_string(),
        }),
        _ => Err(problems),
    }
}

/// The pause of one membership, or a form to record one.
#[function_component(PauseTraining)]
pub fn pause_training(props: &PauseTrainingProps) -> Html {
    let problems = use_state(Vec::<FieldError>::new);
    let busy = use_state(|| false);
    let (from, until, reason) = (use_node_ref(), use_node_ref(), use_node_ref());
    let m = &props.membership;
    let ids = [
        format!("pause-from-{}", m.school_id),
        format!("pause-until-{}", m.school_id),
        format!("pause-reason-{}", m.school_id),
    ];
    let finish = {
        let (problems, busy, on_change) = (problems.clone(), busy.clone(), props.on_change.clone());
        move |result: Result<PersonDetail, String>| {
            busy.set(false);
            match result {
                Ok(detail) => {
                    problems.set(Vec::new());
                    on_change.emit(detail);
                }
                Err(message) => problems.set(vec![FieldError::new("", message)]),
            }
        }
    };
    if let Some(p) = &m.pause {
        let onclick = {
            let (busy, finish) = (busy.clone(), finish.clone());
            let (person, school) = (props.person_id.clone(), m.school_id.clone());
            Callback::from(move |_: MouseEvent| {
                busy.set(true);
                let (person, school, finish) = (person.clone(), school.clone(), finish.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    finish(
                        manage::end_pause(&person, &school)
                            .await
                            .map_err(|e| e.message()),
                    );
                });
            })
        };
        return html! {
            <div class="pause">
                <ErrorSummary errors={(*problems).clone()} />
                <p>{ format!("Training at {} paused from {} to {}: {}", m.school_name,
                    long_date(p.from), long_date(p.until), p.reason) }</p>
                <button type="button" class="secondary" {onclick} disabled={*busy}>
                    { format!("End the pause ({})", m.school_name) }
                </button>
            </div>
        };
    }
    let onsubmit = {
        let (problems, busy, finish) = (problems.clone(), busy.clone(), finish.clone());
        let (from, until, reason, ids) = (from.clone(), until.clone(), reason.clone(), ids.clone());
        let (person, school) = (props.person_id.clone(), m.school_id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match read(
                &school,
                &value(&from),
                &value(&until),
                &value(&reason),
                &ids,
            ) {
                Err(found) => problems.set(found),
                Ok(input) => {
                    busy.set(true);
                    let (person, finish) = (person.clone(), finish.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = manage::pause_training(&person, &input).await;
                        finish(result.map_err(|e| e.message()));
                    });
                }
            }
        })
    };
    html! {
        <details class="pause">
            <summary>{ format!("Pause training at {}", m.school_name) }</summary>
            <form {onsubmit} novalidate=true>
                <ErrorSummary errors={(*problems).clone()} />
                <p class="hint">{ "While paused, nothing falls due and no reminders are sent; \
                    their deadlines move on by the length of the pause." }</p>
                <label for={ids[0].clone()}>{ "First day" }</label>
                <input id={ids[0].clone()} type="date" ref={from} />
                <label for={ids[1].clone()}>{ "Last day" }</label>
                <input id={ids[1].clone()} type="date" ref={until} />
                <label for={ids[2].clone()}>{ "Reason" }</label>
                <input id={ids[2].clone()} type="text" maxlength="300" ref={reason} />
                <div class="actions"><button type="submit" disabled={*busy}>{ "Pause training" }</button></div>
            </form>
        </details>
    }
}
