//! Recording a signature given on paper (no device, a staff meeting): which policy, the day,
//! who witnessed it and, if there is one, a scan of the signed page.

use attest_domain::api::{PersonDetail, PersonMembership, PersonPolicy};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::error_summary::{ErrorSummary, FieldError};
use crate::services::manage;

/// Props of [`PaperSignature`].
#[derive(Properties, PartialEq)]
pub struct PaperSignatureProps {
    /// The person.
    pub person_id: String,
    /// Their membership of one of the manager's schools.
    pub membership: PersonMembership,
    /// Their policies at that school.
    pub policies: Vec<PersonPolicy>,
    /// The person as the server now has them, after a change.
    pub on_change: Callback<PersonDetail>,
}

fn input_value(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// A form to record a paper signature at one school.
#[function_component(PaperSignature)]
pub fn paper_signature(props: &PaperSignatureProps) -> Html {
    let problems = use_state(Vec::<FieldError>::new);
    let busy = use_state(|| false);
    let (policy, day, witness, scan) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let school = &props.membership.school_id;
    let ids = [
        format!("paper-policy-{school}"),
        format!("paper-day-{school}"),
        format!("paper-witness-{school}"),
        format!("paper-scan-{school}"),
    ];
    if props.policies.is_empty() {
        return html! {};
    }
    let onsubmit = {
        let (problems, busy, on_change) = (problems.clone(), busy.clone(), props.on_change.clone());
        let (policy, day, witness, scan, ids) = (
            policy.clone(),
            day.clone(),
            witness.clone(),
            scan.clone(),
            ids.clone(),
        );
        let (person, school) = (props.person_id.clone(), school.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let version = policy
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let (signed_on, by) = (input_value(&day), input_value(&witness));
            let mut found = Vec::new();
            if signed_on.is_empty() {
                found.push(FieldError::new(&ids[1], "Enter the day it was signed"));
            }
            if by.trim().is_empty() {
                found.push(FieldError::new(
                    &ids[2],
                    "Enter who witnessed the signature",
                ));
            }
            if !found.is_empty() {
                problems.set(found);
                return;
            }
            busy.set(true);
            let (problems, busy, on_change) = (problems.clone(), busy.clone(), on_change.clone());
            let (person, school, scan) = (person.clone(), school.clone(), scan.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let file = match scan.cast::<HtmlInputElement>() {
                    Some(input) => manage::read_chosen_file(&input).await,
                    None => None,
                };
                let signing = manage::PaperSigning {
                    school_id: &school,
                    version_id: &version,
                    signed_on: &signed_on,
                    witness: &by,
                };
                match manage::record_paper_signature(&person, &signing, file).await {
                    Ok(detail) => {
                        problems.set(Vec::new());
                        on_change.emit(detail);
                    }
                    Err(e) => problems.set(vec![FieldError::new("", e.message())]),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <details class="paper">
            <summary>{ format!("Record a paper signature ({})", props.membership.school_name) }</summary>
            <form {onsubmit} novalidate=true>
                <ErrorSummary errors={(*problems).clone()} />
                <p class="hint">{ "For someone who read the policy and signed it on paper: it counts as \
                    their attestation and the evidence says it was on paper, witnessed." }</p>
                <label for={ids[0].clone()}>{ "Policy" }</label>
                <select id={ids[0].clone()} ref={policy}>{ for props.policies.iter().map(|p| html! {
                    <option value={p.version_id.clone()}>{ format!("{} {}", p.title, p.version_label) }</option>
                }) }</select>
                <label for={ids[1].clone()}>{ "Day signed" }</label>
                <input id={ids[1].clone()} type="date" ref={day} />
                <label for={ids[2].clone()}>{ "Witnessed by" }</label>
                <input id={ids[2].clone()} type="text" maxlength="200" ref={witness} />
                <label for={ids[3].clone()}>{ "Scan of the signed page (optional)" }</label>
                <input id={ids[3].clone()} type="file" accept=".pdf,image/*" ref={scan} />
                <div class="actions"><button type="submit" disabled={*busy}>{ "Record the signature" }</button></div>
            </form>
        </details>
    }
}
