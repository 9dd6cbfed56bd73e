//! After a failed quiz: the lessons to read again, each a link, marked once reread.

use attest_domain::api::LessonLink;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

/// Props of [`RereadList`].
#[derive(Properties, PartialEq)]
pub struct RereadListProps {
    /// The policy version.
    pub version_id: String,
    /// The lessons that teach what was missed.
    pub links: Vec<LessonLink>,
    /// Whether to offer the quiz once every lesson listed has been read again.
    #[prop_or_default]
    pub offer_quiz: bool,
}

/// Lists the lessons to read again before a retake.
#[function_component(RereadList)]
pub fn reread_list(props: &RereadListProps) -> Html {
    if props.links.is_empty() {
        return html! {};
    }
    html! {
        <section class="card reread" aria-labelledby="reread-title">
            <h2 id="reread-title">{ "Read these lessons again" }</h2>
            <p>{ "They cover the questions you got wrong. You can try the quiz again once you have opened each of them. The new quiz asks different questions, more of them about these parts of the policy." }</p>
            <ul class="reread-links">
                { for props.links.iter().map(|link| {
                    let clauses = if link.clause_ids.len() == 1 { "Clause" } else { "Clauses" };
                    html! {
                        <li>
                            <Link<Route> to={Route::Lesson { version_id: props.version_id.clone(), lesson: link.index as usize }}>
                                { format!("Lesson {}: {}", link.index + 1, link.section) }
                            </Link<Route>>
                            <span class="meta">{ format!(" ({clauses} {})", link.clause_ids.join(", ")) }</span>
                            if link.reread {
                                <strong class="tag done">{ " Read again" }</strong>
                            }
                        </li>
                    }
                }) }
            </ul>
            if props.offer_quiz && props.links.iter().all(|l| l.reread) {
                <p>
                    <Link<Route> to={Route::Quiz { version_id: props.version_id.clone() }} classes="button primary">
                        { "Try the quiz again" }
                    </Link<Route>>
                </p>
            }
        </section>
    }
}
