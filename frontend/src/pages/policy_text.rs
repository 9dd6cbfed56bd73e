//! The whole policy, clause by clause under its sections, searchable, with the original to download.

use attest_domain::api::{PolicyClause, PolicyText};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::session::use_signed_in;
use crate::services::modules;

/// Props of [`PolicyTextPage`].
#[derive(Properties, PartialEq)]
pub struct PolicyTextProps {
    /// The policy version.
    pub version_id: String,
}

/// The full text of an assigned policy.
#[function_component(PolicyTextPage)]
pub fn policy_text_page(props: &PolicyTextProps) -> Html {
    let _ = use_signed_in();
    let load = use_fetch(props.version_id.clone(), |id: String| async move {
        modules::policy_text(&id).await
    });
    match &*load {
        Load::Loaded(text) => html! { <FullPolicy text={text.clone()} /> },
        other => placeholder(other, "the policy"),
    }
}

#[derive(Properties, PartialEq)]
struct FullPolicyProps {
    text: PolicyText,
}

#[function_component(FullPolicy)]
fn full_policy(props: &FullPolicyProps) -> Html {
    let t = &props.text;
    let query = use_state(String::new);
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let shown: Vec<&PolicyClause> = t.clauses.iter().filter(|c| matches(c, &query)).collect();
    let found = if query.trim().is_empty() {
        format!("{} clauses", t.clauses.len())
    } else {
        format!(
            "{} of {} clauses contain “{}”",
            shown.len(),
            t.clauses.len(),
            query.trim()
        )
    };
    html! {
        <article class="policy-text" aria-labelledby="policy-title">
            <p class="meta">{ format!("{} · version {}", t.school_name, t.version_label) }</p>
            <h1 id="policy-title">{ &t.title }</h1>
            <p>
                <Link<Route> to={Route::Module { version_id: t.version_id.clone() }}>{ "Back to the lessons" }</Link<Route>>
            </p>
            if let Some(original) = &t.original {
                <p class="card original">
                    <a id="download-original" href={format!("/api/versions/{}/original", t.version_id)} download={original.file_name.clone()}>
                        { format!("Download the original document: {}", original.file_name) }
                    </a>
                    <span class="meta">{ format!(" ({}, SHA-256 {}…)", size_text(original.size), &original.sha256[..12.min(original.sha256.len())]) }</span>
                </p>
            }
            <form class="search" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label for="policy-search">{ "Search the policy" }</label>
                <input id="policy-search" type="search" autocomplete="off" value={(*query).clone()} {oninput} />
            </form>
            <p role="status" id="policy-found" class="meta">{ found }</p>
            { sections(&shown) }
        </article>
    }
}

/// Whether a clause contains every word of the search, ignoring case.
fn matches(clause: &PolicyClause, query: &str) -> bool {
    let haystack = format!("{} {} {}", clause.id, clause.section, clause.text).to_lowercase();
    query
        .split_whitespace()
        .all(|word| haystack.contains(&word.to_lowercase()))
}

/// The clauses under their section headings, in document order.
fn sections(clauses: &[&PolicyClause]) -> Html {
    let mut groups: Vec<(&str, Vec<&PolicyClause>)> = Vec::new();
    for clause in clauses {
        match groups.last_mut() {
            Some((section, list)) if *section == clause.section.as_str() => list.push(clause),
            _ => groups.push((clause.section.as_str(), vec![clause])),
        }
    }
    html! {
        { for groups.into_iter().map(|(section, list)| html! {
            <section class="policy-section">
                <h2>{ if section.is_empty() { "Introduction" } else { section } }</h2>
                <ol class="clauses">
                    { for list.into_iter().map(|c| html! {
                        <li class="clause" id={format!("clause-{}", c.id)}>
                            <span class="clause-number">{ &c.id }</span>
                            <p>{ &c.text }</p>
                        </li>
                    }) }
                </ol>
            </section>
        }) }
    }
}

/// A file size in words people read ("34 KB").
fn size_text(bytes: u64) -> String {
    match bytes {
        0..=1023 => format!("{bytes} bytes"),
        1024..=1_048_575 => format!("{} KB", bytes.div_ceil(1024)),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    }
}
