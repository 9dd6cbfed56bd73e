//! The module reader: one short lesson at a time, resuming where the reader left off.

use attest_domain::api::{LessonLink, ModuleView, ProgressUpdate};
use attest_domain::module::Lesson;
use attest_domain::Modality;
use web_sys::HtmlElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::ask_box::AskBox;
use crate::components::diff_view::DiffView;
use crate::components::reread_list::RereadList;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::page::use_page_title;
use crate::hooks::session::{report_failure, use_session, use_signed_in};
use crate::services::modules;
use crate::services::requests::ApiFailure;

/// Props of [`ModuleReader`].
#[derive(Properties, PartialEq)]
pub struct ModuleReaderProps {
    /// The policy version to read.
    pub version_id: String,
    /// The lesson to open (0-based); else where the reader left off.
    #[prop_or_default]
    pub lesson: Option<usize>,
}

/// Reads a module lesson by lesson.
#[function_component(ModuleReader)]
pub fn module_reader(props: &ModuleReaderProps) -> Html {
    let _ = use_signed_in();
    // Fetched again for each lesson linked to, so the lessons to reread show what the
    // server has recorded as read.
    let load = use_fetch(
        (props.version_id.clone(), props.lesson),
        |(id, _): (String, Option<usize>)| async move { modules::module(&id).await },
    );
    use_page_title(match &*load {
        Load::Loaded(view) => Some(view.title.clone()),
        Load::Failed(ApiFailure::NotFound(_)) => Some("Module not found".into()),
        _ => None,
    });
    match &*load {
        // Keyed by the lesson asked for, so a link to another lesson opens it.
        Load::Loaded(view) => html! {
            <Reader key={format!("{:?}", props.lesson)} view={view.clone()} start={props.lesson} />
        },
        Load::Failed(ApiFailure::NotFound(_)) => html! {
            <section class="panel" aria-labelledby="missing-title">
                <h1 id="missing-title">{ "Module not found" }</h1>
                <p>{ "There is no module at this address, or it is not one of yours. Modules you need to complete are listed in My training." }</p>
                <p><Link<Route> to={Route::Training} classes="button primary">{ "Go to My training" }</Link<Route>></p>
            </section>
        },
        other => placeholder(other, "the module"),
    }
}

#[derive(Properties, PartialEq)]
struct ReaderProps {
    view: ModuleView,
    start: Option<usize>,
}

#[function_component(Reader)]
fn reader(props: &ReaderProps) -> Html {
    let view = &props.view;
    let total = view.module.lessons.len();
    let last = total.saturating_sub(1);
    let start = props.start.unwrap_or(view.current_lesson as usize);
    let lesson = use_state(|| start.min(last));
    // Lessons opened on this page, so the list of lessons to reread marks them at once.
    let opened = use_state(Vec::<usize>::new);
    let done = use_state(|| view.lessons_done as usize);
    let heading = use_node_ref();
    let saved = use_state(|| Saved::Not);
    let session = use_session();

    // Opening a lesson counts as reading it: save the place, then move focus to the
    // new lesson's heading so screen readers announce it.
    {
        let (heading, done, saved) = (heading.clone(), done.clone(), saved.clone());
        let opened = opened.clone();
        let session = session.clone();
        let version_id = view.version_id.clone();
        use_effect_with(*lesson, move |at| {
            if let Some(h) = heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
            let now_done = (*done).max(*at + 1);
            done.set(now_done);
            let at = *at;
            let update = ProgressUpdate {
                current_lesson: at as u32,
                lessons_done: now_done as u32,
            };
            wasm_bindgen_futures::spawn_local(async move {
                match modules::save_progress(&version_id, update).await {
                    Ok(_) => {
                        saved.set(Saved::Yes(at + 1));
                        let mut now_opened = (*opened).clone();
                        now_opened.push(at);
                        opened.set(now_opened);
                    }
                    Err(e) => {
                        report_failure(&session, &e);
                        saved.set(Saved::Failed(format!(
                            "Your place was not saved: {}",
                            e.message()
                        )))
                    }
                }
            });
        });
    }
    let go = |to: usize| {
        let lesson = lesson.clone();
        Callback::from(move |_: MouseEvent| lesson.set(to))
    };

    let Some(current) = view.module.lessons.get(*lesson) else {
        return html! { <p>{ "This module has no lessons." }</p> };
    };
    let at_end = *lesson == last;
    let reread: Vec<LessonLink> = view
        .reread
        .iter()
        .map(|l| LessonLink {
            reread: l.reread || opened.contains(&(l.index as usize)),
            ..l.clone()
        })
        .collect();
    html! {
        <article class="reader" aria-labelledby="lesson-title">
            <p class="meta">{ format!("{} · {} · version {}", view.title, view.school_name, view.version_label) }</p>
            <p class="meta">{ format!("Lesson {} of {} · about {} min", *lesson + 1, total, current.reading_minutes) }</p>
            <progress max={total.to_string()} value={(*done).to_string()} aria-label="Lessons read">
                { format!("{} of {total}", *done) }
            </progress>
            if let (0, Some(changes)) = (*lesson, &view.changes) {
                <section class="card what-changed" aria-labelledby="changed-title">
                    <h2 id="changed-title">{ "What changed since you last signed" }</h2>
                    <DiffView diff={changes.clone()} />
                </section>
            }
            <h1 id="lesson-title" tabindex="-1" ref={heading}>{ &current.section }</h1>
            <RereadList version_id={view.version_id.clone()} links={reread} offer_quiz=true />
            { lesson_points(current) }
            // Always in the page, so each change of its text is read.
            <div role="status" id="save-status" class="save-status">{ match &*saved {
                Saved::Not => html! {},
                Saved::Yes(n) => html! { <p class="meta">{ format!("Progress saved: lesson {n} of {total}") }</p> },
                Saved::Failed(message) => html! { <p class="error">{ message }</p> },
            } }</div>
            <nav class="pager" aria-label="Lessons">
                if *lesson > 0 {
                    <button type="button" class="secondary" onclick={go(*lesson - 1)}>{ "Previous" }</button>
                }
                if at_end {
                    <Link<Route> to={Route::Quiz { version_id: view.version_id.clone() }} classes="button primary" >
                        { "Take the quiz" }
                    </Link<Route>>
                } else {
                    <button type="button" class="primary" onclick={go(*lesson + 1)}>{ "Next lesson" }</button>
                }
            </nav>
            <p class="full-policy">
                <Link<Route> to={Route::PolicyText { version_id: view.version_id.clone() }}>
                    { "Read the full policy, or download the original" }
                </Link<Route>>
            </p>
            <AskBox version_id={view.version_id.clone()} school_name={view.school_name.clone()} />
        </article>
    }
}

/// Whether the reader's place has been saved.
#[derive(Debug, Clone, PartialEq)]
enum Saved {
    Not,
    /// Saved at this lesson (1-based): a new number, so each save is read.
    Yes(usize),
    Failed(String),
}

fn lesson_points(lesson: &Lesson) -> Html {
    html! {
        <ul class="points">
            { for lesson.key_points.iter().map(|p| {
                let class = match p.modality {
                    Modality::MustNot | Modality::ShouldNot => "point negative",
                    Modality::Info => "point note",
                    _ => "point",
                };
                // A note is already in the policy's own words: it needs no second copy.
                if p.modality == Modality::Info {
                    return html! {
                        <li class={class}>
                            <p class="plain">{ &p.plain }</p>
                            <p class="meta">{ format!("Clause {}", p.clause_id) }</p>
                        </li>
                    };
                }
                html! {
                    <li class={class}>
                        <p class="plain">{ &p.plain }</p>
                        <details>
                            <summary>{ format!("Clause {}: the policy's own words", p.clause_id) }</summary>
                            <blockquote>{ &p.quote }</blockquote>
                        </details>
                    </li>
                }
            }) }
        </ul>
    }
}
