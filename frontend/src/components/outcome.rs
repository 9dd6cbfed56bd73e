//! The answer to a click ("Reminder queued", "Removed October half term", or a refusal), said
//! in live regions that stay in the page: a region inserted together with its text is often
//! not read, so only the text inside them comes and goes.

use yew::prelude::*;

/// What the last action did: a notice, or the refusal's message; none before the first.
pub type Outcome = Option<Result<String, String>>;

/// Props of [`OutcomeRegions`].
#[derive(Properties, PartialEq)]
pub struct OutcomeProps {
    /// The outcome to say.
    pub outcome: Outcome,
}

/// A polite region for notices and an assertive one for refusals, both always present.
#[function_component(OutcomeRegions)]
pub fn outcome_regions(props: &OutcomeProps) -> Html {
    html! { <>
        <div class="outcome" role="status">
            if let Some(Ok(text)) = &props.outcome { <p class="notice">{ text }</p> }
        </div>
        <div class="outcome" role="alert">
            if let Some(Err(text)) = &props.outcome { <p class="error">{ text }</p> }
        </div>
    </> }
}
