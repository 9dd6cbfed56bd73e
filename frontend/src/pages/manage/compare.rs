//! A trust's schools compared topic by topic, gaps highlighted (in words as well as colour).

use attest_domain::api::{count, TopicCell, TrustComparison};
use attest_domain::Modality;
use yew::prelude::*;

use crate::components::scroll_box::ScrollBox;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::services::manage;

/// Props of [`ComparePage`].
#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// The trust's id.
    pub id: String,
}

fn strength(m: Option<Modality>) -> &'static str {
    match m {
        Some(Modality::MustNot) => "must not",
        Some(Modality::Must) => "must",
        Some(Modality::ShouldNot) => "should not",
        Some(Modality::Should) => "should",
        Some(Modality::May) => "may",
        Some(Modality::Info) => "info",
        None => "no duty",
    }
}

/// The comparison page.
#[function_component(ComparePage)]
pub fn compare_page(props: &CompareProps) -> Html {
    let load = use_fetch(props.id.clone(), |id: String| async move {
        manage::compare(&id).await
    });
    match &*load {
        Load::Loaded(c) => view(c),
        other => placeholder(other, "the comparison"),
    }
}

fn view(c: &TrustComparison) -> Html {
    let gaps = c.topics.iter().filter(|t| t.gap).count();
    html! {
        <section aria-labelledby="compare-title">
            <h1 id="compare-title">{ format!("{}: policies by topic", c.trust_name) }</h1>
            <p>{ format!("{}; {gaps} with a gap (some schools have no duty on it).", count(c.topics.len() as u64, "topic", "topics")) }</p>
            <ScrollBox label="The strongest duty each school's policies place on each topic"><table class="compare">
                <caption>{ "The strongest duty each school's policies place on each topic" }</caption>
                <thead><tr><th scope="col">{ "Topic" }</th>{ for c.schools.iter().map(|s| html! { <th scope="col">{ s }</th> }) }</tr></thead>
                <tbody>{ for c.topics.iter().map(|t| html! {
                    <tr class={if t.gap { "gap" } else { "" }}>
                        <th scope="row">{ &t.label }{ if t.gap { " (gap)" } else { "" } }</th>
                        { for t.schools.iter().map(cell_view) }
                    </tr>
                }) }</tbody>
            </table></ScrollBox>
        </section>
    }
}

/// One school's strongest duty on a topic; its clause numbers open to their words.
fn cell_view(cell: &TopicCell) -> Html {
    let class = if cell.strongest.is_none() {
        "missing"
    } else {
        ""
    };
    if cell.clauses.is_empty() {
        return html! { <td {class}>{ strength(cell.strongest) }</td> };
    }
    let numbers: Vec<&str> = cell.clauses.iter().map(|c| c.id.as_str()).collect();
    let label = if numbers.len() == 1 {
        "clause"
    } else {
        "clauses"
    };
    html! {
        <td {class}>
            <details class="clauses">
                <summary>{ format!("{} ({label} {})", strength(cell.strongest), numbers.join(", ")) }</summary>
                <dl>{ for cell.clauses.iter().map(|c| html! {
                    <>
                        <dt>{ format!("Clause {}", c.id) }</dt>
                        <dd>{ &c.text }</dd>
                    </>
                }) }</dl>
            </details>
        </td>
    }
}
