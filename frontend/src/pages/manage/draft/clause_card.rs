//! One clause under review: what the engine read, how sure it is, and the manager's corrections.

use attest_domain::api::PolicyDraft;
use attest_domain::clauses::{Audience, Modality};
use attest_domain::review::{Correction, DraftClause};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{dom_id, reading_line, reviewed_line};
use crate::hooks::field::{use_checked, use_field_value};
use crate::hooks::select::use_select_value;
use crate::services::review;

/// Every strength, with what a manager reads.
pub const STRENGTHS: [(Modality, &str); 6] = [
    (Modality::Must, "Must (a firm rule)"),
    (Modality::MustNot, "Must not (forbidden)"),
    (Modality::Should, "Should (advice)"),
    (Modality::ShouldNot, "Should not (advised against)"),
    (Modality::May, "May (allowed)"),
    (Modality::Info, "Information only"),
];

/// Everyone who can hold a duty, with what a manager reads.
pub const HOLDERS: [(Audience, &str); 7] = [
    (Audience::Staff, "Staff"),
    (Audience::Headteacher, "The headteacher"),
    (Audience::Governors, "Governors"),
    (Audience::Volunteers, "Volunteers"),
    (Audience::School, "The school"),
    (Audience::ParentsCarers, "Parents and carers"),
    (Audience::Pupils, "Pupils"),
];

/// How a page names a strength.
pub fn strength_label(m: Modality) -> &'static str {
    STRENGTHS
        .iter()
        .find(|(s, _)| *s == m)
        .map_or("Information only", |(_, l)| l)
}

/// How a page names who holds a duty.
pub fn holders_label(a: &[Audience]) -> String {
    if a.is_empty() {
        return "No one named".into();
    }
    a.iter()
        .filter_map(|h| HOLDERS.iter().find(|(x, _)| x == h).map(|(_, l)| *l))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Props of [`ClauseCard`].
#[derive(Properties, PartialEq)]
pub struct ClauseCardProps {
    /// The draft's id.
    pub draft_id: String,
    /// The clause.
    pub item: DraftClause,
    /// The clause after it in the document, for "join".
    pub next_id: Option<String>,
    /// The draft after a change.
    pub onchange: Callback<PolicyDraft>,
    /// A refusal, to show at the top of the page.
    pub onerror: Callback<String>,
}

/// The clause's card.
#[function_component(ClauseCard)]
pub fn clause_card(props: &ClauseCardProps) -> Html {
    let c = &props.item.clause;
    let key = dom_id(&c.id);
    let (strength, holder, taught, text, split_at) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let holder_now = c.audience.first().copied();
    use_select_value(
        &strength,
        c.modality.as_str().to_string(),
        props.item.clone(),
    );
    use_select_value(
        &holder,
        holder_now
            .map(|h| h.as_str().to_string())
            .unwrap_or_default(),
        props.item.clone(),
    );
    use_field_value(&text, c.text.clone(), props.item.clone());
    use_checked(&taught, !props.item.taught, props.item.clone());
    let send = |run: Box<dyn Fn() -> Option<Correction>>| {
        let (id, clause) = (props.draft_id.clone(), c.id.clone());
        let (onchange, onerror) = (props.onchange.clone(), props.onerror.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(correction) = run() else { return };
            let (id, clause) = (id.clone(), clause.clone());
            let (onchange, onerror) = (onchange.clone(), onerror.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match review::correct(&id, &clause, &correction).await {
                    Ok(d) => onchange.emit(d),
                    Err(e) => onerror.emit(e.message()),
                }
            });
        })
    };
    let onsave = {
        let (strength, holder, taught, text) = (
            strength.clone(),
            holder.clone(),
            taught.clone(),
            text.clone(),
        );
        let (modality, was_taught, words) = (c.modality, props.item.taught, c.text.clone());
        send(Box::new(move || {
            let picked = |n: &NodeRef| n.cast::<HtmlSelectElement>().map(|s| s.value());
            let strength = picked(&strength)
                .and_then(|v| {
                    STRENGTHS
                        .iter()
                        .find(|(m, _)| m.as_str() == v)
                        .map(|(m, _)| *m)
                })
                .filter(|m| *m != modality);
            let holder = picked(&holder)
                .and_then(|v| {
                    HOLDERS
                        .iter()
                        .find(|(a, _)| a.as_str() == v)
                        .map(|(a, _)| *a)
                })
                .filter(|h| Some(*h) != holder_now);
            let not_taught = taught.cast::<HtmlInputElement>().map(|i| i.checked());
            let taught = not_taught.map(|n| !n).filter(|t| *t != was_taught);
            let text = text
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .filter(|t| t.trim() != words.trim());
            Some(Correction {
                strength,
                holder,
                taught,
                text,
            })
        }))
    };
    let step = |join: bool| {
        let (id, clause) = (props.draft_id.clone(), c.id.clone());
        let split_at = split_at.clone();
        let (onchange, onerror) = (props.onchange.clone(), props.onerror.clone());
        Callback::from(move |_: MouseEvent| {
            let at = split_at
                .cast::<HtmlSelectElement>()
                .and_then(|s| s.value().parse::<usize>().ok())
                .unwrap_or(1);
            let (id, clause) = (id.clone(), clause.clone());
            let (onchange, onerror) = (onchange.clone(), onerror.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = if join {
                    review::join(&id, &clause).await
                } else {
                    review::split(&id, &clause, at).await
                };
                match result {
                    Ok(d) => onchange.emit(d),
                    Err(e) => onerror.emit(e.message()),
                }
            });
        })
    };
    let item = &props.item;
    let sentences = c.duties.len();
    html! {
        <article class="card review-item" id={format!("clause-{key}")} aria-labelledby={format!("clause-{key}-title")}>
            <h3 id={format!("clause-{key}-title")}>{ format!("Clause {}", c.id) }<span class="meta">{ format!(" — {}", c.section) }</span></h3>
            { reading_line(&item.reading) }
            { reviewed_line(item.reviewed.as_ref(), item.carried) }
            <blockquote class="clause-text">{ &c.text }</blockquote>
            if c.text.trim() != item.original_text.trim() {
                <details><summary>{ "The original wording" }</summary><p class="clause-text">{ &item.original_text }</p></details>
            }
            <dl class="facts">
                <dt>{ "Strength" }</dt><dd>{ strength_label(c.modality) }
                    if c.modality != item.original_modality { { format!(" (read as {})", strength_label(item.original_modality).to_lowercase()) } }</dd>
                <dt>{ "Who holds it" }</dt><dd>{ holders_label(&c.audience) }</dd>
                <dt>{ "Topics" }</dt><dd>{ if c.topics.is_empty() { "None recognised".to_string() } else { c.topics.join(", ") } }</dd>
                <dt>{ "Taught" }</dt><dd>{ if item.taught { "Yes" } else { "No: kept out of lessons and questions" } }</dd>
            </dl>
            <form onsubmit={onsave} novalidate=true>
                <label for={format!("strength-{key}")}>{ "Strength" }</label>
                <select id={format!("strength-{key}")} ref={strength}>
                    { for STRENGTHS.iter().map(|(m, l)| html! { <option value={m.as_str()}>{ *l }</option> }) }
                </select>
                <label for={format!("holder-{key}")}>{ "Who holds the duty" }</label>
                <select id={format!("holder-{key}")} ref={holder}>
                    if holder_now.is_none() { <option value="">{ "No one named" }</option> }
                    { for HOLDERS.iter().map(|(a, l)| html! { <option value={a.as_str()}>{ *l }</option> }) }
                </select>
                <div class="option">
                    <input id={format!("not-taught-{key}")} type="checkbox" ref={taught} />
                    <label for={format!("not-taught-{key}")}>{ "Not taught (a heading, contents or a definition)" }</label>
                </div>
                <details>
                    <summary>{ "Edit the wording" }</summary>
                    <label for={format!("text-{key}")}>{ "Wording staff will read" }</label>
                    <textarea id={format!("text-{key}")} rows="4" ref={text} />
                </details>
                <div class="actions">
                    <button type="submit" class="primary">{ "Save: looked at" }</button>
                    if let Some(next) = &props.next_id {
                        <button type="button" class="secondary" onclick={step(true)}>{ format!("Join with clause {next}") }</button>
                    }
                </div>
                if sentences > 1 {
                    <div class="split">
                        <label for={format!("split-{key}")}>{ "Split it after sentence" }</label>
                        <select id={format!("split-{key}")} ref={split_at.clone()}>
                            { for (1..sentences).map(|n| html! { <option value={n.to_string()}>{ n }</option> }) }
                        </select>
                        <button type="button" class="secondary" onclick={step(false)}>{ "Split" }</button>
                    </div>
                }
            </form>
        </article>
    }
}
