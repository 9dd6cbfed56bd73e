//! What changed between two versions of a policy: added, changed and removed duties.

use attest_domain::diff::{ChangeKind, DutyText, PolicyDiff};
use yew::prelude::*;

use crate::pages::manage::draft::clause_card::strength_label;

/// Props of [`DiffView`].
#[derive(Properties, PartialEq)]
pub struct DiffViewProps {
    /// The difference.
    pub diff: PolicyDiff,
    /// Also list changes of wording only (a school's amendments), not only changed duties.
    #[prop_or_default]
    pub wording_too: bool,
}

/// The changes as a list, each marked in words (not only colour).
#[function_component(DiffView)]
pub fn diff_view(props: &DiffViewProps) -> Html {
    let d = &props.diff;
    if d.changes.is_empty() || (!props.wording_too && !d.duty_changed()) {
        return html! { <p>{ format!("No duty changed ({} unchanged).", d.unchanged) }</p> };
    }
    html! {
        <>
            <p>{ format!(
                "{} added, {} changed, {} removed, {} unchanged.",
                d.count(ChangeKind::Added), d.count(ChangeKind::Changed), d.count(ChangeKind::Removed), d.unchanged
            ) }</p>
            <ul class="diff">{ for d.changes.iter().map(|c| {
                let (class, word) = match c.kind {
                    ChangeKind::Added => ("added", "New"),
                    ChangeKind::Changed => ("changed", "Changed"),
                    ChangeKind::Removed => ("removed", "Removed"),
                };
                // A change of strength alone leaves the words as they were: name the strengths.
                let strength = |t: &DutyText| match (&c.before, &c.after) {
                    (Some(b), Some(a)) if b.modality != a.modality => {
                        format!(", {}", strength_label(t.modality).to_lowercase())
                    }
                    _ => String::new(),
                };
                html! {
                    <li class={classes!("point", class)}>
                        <strong>{ word }</strong>
                        if let Some(before) = &c.before {
                            <p class="before">{ format!("Was (clause {}{}): {}", before.clause_id, strength(before), before.text) }</p>
                        }
                        if let Some(after) = &c.after {
                            <p class="after">{ format!("Now (clause {}{}): {}", after.clause_id, strength(after), after.text) }</p>
                        }
                    </li>
                }
            }) }</ul>
        </>
    }
}
