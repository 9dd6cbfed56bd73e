//! A graded quiz: each question right or wrong, with the deciding clause.

use attest_domain::api::GradedQuestion;
use yew::prelude::*;

/// Props of [`GradedList`].
#[derive(Properties, PartialEq)]
pub struct GradedListProps {
    /// The graded questions.
    pub questions: Vec<GradedQuestion>,
}

/// Lists each question with the chosen answer; the right one and why, once passed.
#[function_component(GradedList)]
pub fn graded_list(props: &GradedListProps) -> Html {
    html! {
        <ol class="graded">
            { for props.questions.iter().map(|q| {
                let chosen = q.chosen.and_then(|c| q.options.get(c)).cloned().unwrap_or_else(|| "no answer".into());
                // A failed attempt carries no answer key: only a passed one says the answers.
                let right = q.answer.and_then(|a| q.options.get(a)).cloned();
                html! {
                    <li class={if q.correct { "card graded-item right" } else { "card graded-item wrong" }}>
                        <p class="stem">{ &q.stem }</p>
                        <p><strong class="mark">{ if q.correct { "Right. " } else { "Wrong. " } }</strong>{ format!("You chose: {chosen}") }</p>
                        if let (false, Some(right)) = (q.correct, right) {
                            <p>{ format!("The policy's answer: {right}") }</p>
                        }
                        if let Some(explanation) = &q.explanation {
                            <p class="explanation">{ explanation }</p>
                        }
                        if !q.clause_ids.is_empty() {
                            <p class="meta clauses">{ format!("Policy clause {}", q.clause_ids.join(", ")) }</p>
                        }
                    </li>
                }
            }) }
        </ol>
    }
}
