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
    let refusal = match &props.outcome {
        Some(Err(text)) => Some(text.clone()),
        _ => None,
    };
    html! { <>
        <div class="outcome" role="status">
            if let Some(Ok(text)) = &props.outcome { <p class="notice">{ text }</p> }
        </div>
        <AlertRegion message={refusal} />
    </> }
}

/// Props of [`AlertRegion`].
#[derive(Properties, PartialEq)]
pub struct AlertProps {
    /// The refusal to say; none leaves the region empty.
    pub message: Option<String>,
}

/// An assertive region for a refusal, always present (for forms whose only outcome to say is
/// a refusal: the page moves on when they succeed).
#[function_component(AlertRegion)]
pub fn alert_region(props: &AlertProps) -> Html {
    html! {
        <div class="outcome" role="alert">
            if let Some(text) = &props.message { <p class="error">{ text }</p> }
        </div>
    }
}
