//! A policy's settings, for its managers: the quiz (questions, pass mark, lessons first) and
//! the deadlines (renewal, new starters, grace after a new version).

use attest_domain::api::PolicySettings;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::error_summary::{
    described_by, field_message, invalid, ErrorSummary, FieldError,
};
use crate::components::outcome::OutcomeRegions;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::services::manage;

/// Props of [`PolicySettingsPage`].
#[derive(Properties, PartialEq)]
pub struct PolicySettingsProps {
    /// The policy.
    pub id: String,
}

/// The settings form, filled with what is stored.
#[function_component(PolicySettingsPage)]
pub fn policy_settings_page(props: &PolicySettingsProps) -> Html {
    let load = use_fetch(props.id.clone(), |id: String| async move {
        manage::policy_settings(&id).await
    });
    html! {
        <section aria-labelledby="settings-title">
            <h1 id="settings-title">{ "Policy settings" }</h1>
            { match &*load {
                Load::Loaded(s) => html! { <SettingsForm policy_id={props.id.clone()} settings={*s} /> },
                other => placeholder(other, "the settings"),
            } }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SettingsFormProps {
    policy_id: String,
    settings: PolicySettings,
}

/// The number fields: id, label, hint, and how each is read from and into the settings.
const FIELDS: [(&str, &str, &str); 5] = [
    ("s-questions", "Questions per quiz", "Between 3 and 30."),
    ("s-pass", "Pass mark (%)", "Between 1 and 100."),
    (
        "s-renewal",
        "Renewal cycle (months)",
        "How long an attestation lasts: 1 to 60 months.",
    ),
    (
        "s-starters",
        "Days for new starters",
        "How long someone who joins has: 1 to 365 days.",
    ),
    (
        "s-grace",
        "Grace days after a new version",
        "Time to re-attest when a duty changes: 1 to 365 days.",
    ),
];

/// The field a server message is about, by how the message starts.
fn field_named(message: &str) -> &'static str {
    let starts = [
        "Questions",
        "The pass mark",
        "The renewal",
        "Days for new",
        "Grace days",
    ];
    starts
        .iter()
        .position(|s| message.starts_with(s))
        .map_or(FIELDS[0].0, |i| FIELDS[i].0)
}

fn numbers(s: &PolicySettings) -> [u32; 5] {
    [
        s.questions_per_quiz,
        s.pass_mark,
        s.renewal_months,
        s.new_starter_days,
        s.grace_days,
    ]
}

#[function_component(SettingsForm)]
fn settings_form(props: &SettingsFormProps) -> Html {
    let refs: Vec<NodeRef> = (0..FIELDS.len()).map(|_| NodeRef::default()).collect();
    let refs = use_state(|| refs);
    let lessons_first = use_node_ref();
    let problems = use_state(Vec::<FieldError>::new);
    let outcome = use_state(|| None::<Result<String, String>>);
    let onsubmit = {
        let (refs, lessons_first) = (refs.clone(), lessons_first.clone());
        let (problems, outcome, id) = (problems.clone(), outcome.clone(), props.policy_id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut values = [0u32; 5];
            let mut wrong = Vec::new();
            for (i, (field, label, _)) in FIELDS.iter().enumerate() {
                let text = refs[i]
                    .cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default();
                match text.trim().parse::<u32>() {
                    Ok(n) => values[i] = n,
                    Err(_) => wrong.push(FieldError::new(
                        *field,
                        format!("Enter a whole number for {}", label.to_lowercase()),
                    )),
                }
            }
            if !wrong.is_empty() {
                problems.set(wrong);
                return;
            }
            problems.set(Vec::new());
            let settings = PolicySettings {
                questions_per_quiz: values[0],
                pass_mark: values[1],
                renewal_months: values[2],
                new_starter_days: values[3],
                grace_days: values[4],
                lessons_first: lessons_first
                    .cast::<HtmlInputElement>()
                    .is_some_and(|c| c.checked()),
            };
            let (problems, outcome, id) = (problems.clone(), outcome.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match manage::save_policy_settings(&id, &settings).await {
                    Ok(_) => outcome.set(Some(Ok("Settings saved.".into()))),
                    Err(e) => {
                        // The server's message names the setting: show it against that field.
                        let message = e.message();
                        let field = field_named(&message);
                        problems.set(vec![FieldError::new(field, message)]);
                        outcome.set(None);
                    }
                }
            });
        })
    };
    let values = numbers(&props.settings);
    html! {
        <form class="panel settings-form" {onsubmit} novalidate=true>
            <ErrorSummary errors={(*problems).clone()} />
            { for FIELDS.iter().enumerate().map(|(i, (field, label, hint))| {
                let hint_id = format!("{field}-hint");
                html! {
                    <div class={classes!("field", invalid(&problems, field).map(|_| "invalid"))}>
                        <label for={*field}>{ *label }</label>
                        <p class="hint" id={hint_id.clone()}>{ *hint }</p>
                        { field_message(&problems, field) }
                        <input id={*field} type="number" inputmode="numeric" ref={refs[i].clone()}
                            value={values[i].to_string()} aria-invalid={invalid(&problems, field)}
                            aria-describedby={described_by(&problems, field, Some(&hint_id))} />
                    </div>
                }
            }) }
            <div class="field checkbox">
                <input id="s-lessons-first" type="checkbox" ref={lessons_first} checked={props.settings.lessons_first} />
                <label for="s-lessons-first">{ "Staff must open every lesson before the quiz" }</label>
            </div>
            <button type="submit" class="primary">{ "Save settings" }</button>
            <OutcomeRegions outcome={(*outcome).clone()} />
        </form>
    }
}
