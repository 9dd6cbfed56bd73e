//! Evidence: the printable report for today or as at a past day, with PDF and CSV downloads.

use attest_domain::api::{count, long_date, EvidenceReport};
use yew::prelude::*;

use crate::components::as_at_form::{as_at_query, AsAtForm};
use crate::components::scroll_box::ScrollBox;
use crate::components::status_badge::StatusBadge;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::services::clock::date_time;
use crate::services::manage;

/// Props of [`EvidencePage`].
#[derive(Properties, PartialEq)]
pub struct EvidenceProps {
    /// The school's id.
    pub id: String,
}

/// The evidence page.
#[function_component(EvidencePage)]
pub fn evidence_page(props: &EvidenceProps) -> Html {
    let as_at = use_state(|| None::<String>);
    let load = use_fetch(
        (props.id.clone(), (*as_at).clone()),
        |(id, day): (String, Option<String>)| async move { manage::evidence(&id, day.as_deref()).await },
    );
    let onchange = {
        let as_at = as_at.clone();
        Callback::from(move |day: Option<String>| as_at.set(day))
    };
    let q = as_at_query(&as_at);
    html! {
        <section aria-labelledby="evidence-title">
            <h1 id="evidence-title">{ "Evidence" }</h1>
            <AsAtForm {onchange} />
            <p class="actions no-print">
                <a class="button secondary" href={format!("/api/schools/{}/evidence.pdf{q}", props.id)} download="">{ "Download PDF" }</a>
                <a class="button secondary" href={format!("/api/schools/{}/attestations.csv", props.id)} download="">{ "All attestations (CSV)" }</a>
                <a class="button secondary" href={format!("/api/schools/{}/matrix.csv", props.id)} download="">{ "Completion matrix (CSV)" }</a>
            </p>
            { match &*load { Load::Loaded(r) => report(r), other => placeholder(other, "the report") } }
        </section>
    }
}

/// One school's report: its chain check, the attestations held and the gaps.
pub fn report(r: &EvidenceReport) -> Html {
    let chain = match (&r.chain.broken_at, &r.chain.reason) {
        (Some(seq), Some(reason)) => {
            format!("Chain check: broken at record #{seq}: {reason}. Records before it verify.")
        }
        _ => format!(
            "Chain check: all {} verify.",
            count(r.chain.records, "record", "records")
        ),
    };
    html! { <>
        <h2>{ format!("{} as at {}", r.school_name, long_date(r.as_at)) }</h2>
        <p class={if r.chain.intact { "notice" } else { "error" }}>{ chain }</p>
        <ScrollBox label={format!("Valid attestations held at the end of {} ({})", long_date(r.as_at), r.attestations.len())}><table>
            <caption>{ format!("Valid attestations held at the end of {} ({})", long_date(r.as_at), r.attestations.len()) }</caption>
            <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Policy and version" }</th><th scope="col">{ "Signed" }</th>
                <th scope="col">{ "Text SHA-256" }</th><th scope="col">{ "Code" }</th><th scope="col">{ "Verified" }</th>
                <th scope="col">{ "Certificate" }</th></tr></thead>
            <tbody>{ for r.attestations.iter().map(|a| html! { <tr>
                <th scope="row">{ format!("{} ({})", a.person_name, a.email) }</th>
                <td>{ format!("{} {}", a.policy_title, a.version_label) }</td>
                <td>{ date_time(&a.attested_at) }{ a.paper.as_ref().map(|_| format!(" ({})", a.how_signed())).unwrap_or_default() }</td>
                <td class="hash">{ &a.text_sha256 }</td><td class="hash">{ &a.code }</td><td>{ if a.verified { "yes" } else { "NO" } }</td>
                <td><a href={format!("/api/schools/{}/evidence.pdf?as_at={}&person={}", r.school_id, r.as_at, a.person_id)}
                    download="">{ "PDF" }<span class="visually-hidden">{ format!(": certificates of {}", a.person_name) }</span></a></td>
            </tr> }) }</tbody>
        </table></ScrollBox>
        <ScrollBox label={format!("Without a valid attestation ({})", r.gaps.len())}><table>
            <caption>{ format!("Without a valid attestation ({})", r.gaps.len()) }</caption>
            <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Policy" }</th><th scope="col">{ "Status that day" }</th></tr></thead>
            <tbody>{ for r.gaps.iter().map(|g| html! { <tr>
                <th scope="row">{ format!("{} ({})", g.name, g.email) }</th><td>{ &g.policy_title }</td><td><StatusBadge status={g.status} /></td>
            </tr> }) }</tbody>
        </table></ScrollBox>
    </> }
}
