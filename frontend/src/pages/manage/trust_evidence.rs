//! Trust-wide evidence: every school's report on one day, each with its own chain check, with CSV and PDF downloads.

use attest_domain::api::{count, long_date, TrustEvidenceReport};
use yew::prelude::*;

use crate::components::as_at_form::{as_at_query, AsAtForm};
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::pages::manage::evidence::report;
use crate::services::manage;

/// Props of [`TrustEvidencePage`].
#[derive(Properties, PartialEq)]
pub struct TrustEvidenceProps {
    /// The trust's id.
    pub id: String,
}

/// The trust's evidence page.
#[function_component(TrustEvidencePage)]
pub fn trust_evidence_page(props: &TrustEvidenceProps) -> Html {
    let as_at = use_state(|| None::<String>);
    let load = use_fetch(
        (props.id.clone(), (*as_at).clone()),
        |(id, day): (String, Option<String>)| async move {
            manage::trust_evidence(&id, day.as_deref()).await
        },
    );
    let onchange = {
        let as_at = as_at.clone();
        Callback::from(move |day: Option<String>| as_at.set(day))
    };
    let q = as_at_query(&as_at);
    html! {
        <section aria-labelledby="evidence-title">
            <h1 id="evidence-title">{ "Trust evidence" }</h1>
            <AsAtForm {onchange} />
            <p class="actions no-print">
                <a class="button secondary" href={format!("/api/trusts/{}/evidence.pdf{q}", props.id)} download="">{ "Download PDF" }</a>
                <a class="button secondary" href={format!("/api/trusts/{}/evidence.csv{q}", props.id)} download="">{ "Download CSV" }</a>
            </p>
            { match &*load { Load::Loaded(r) => view(r), other => placeholder(other, "the report") } }
        </section>
    }
}

fn view(t: &TrustEvidenceReport) -> Html {
    let broken: Vec<&str> = t
        .schools
        .iter()
        .filter(|s| !s.chain.intact)
        .map(|s| s.school_name.as_str())
        .collect();
    html! { <>
        <p class="lead">{ format!(
            "{} as at {}: {}, {} held, {} without one.",
            t.trust_name,
            long_date(t.as_at),
            count(t.schools.len() as u64, "school", "schools"),
            count(t.attestations, "valid attestation", "valid attestations"),
            count(t.gaps, "assignment", "assignments")
        ) }</p>
        if broken.is_empty() {
            <p class="notice">{ "Every school's chain of attestations verifies." }</p>
        } else {
            <p class="error">{ format!("Chain broken at: {}.", broken.join(", ")) }</p>
        }
        { for t.schools.iter().map(|r| html! { <div class="school-evidence">{ report(r) }</div> }) }
    </> }
}
