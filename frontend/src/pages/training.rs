//! "My training": each assigned module with status, due date and progress.

use attest_domain::api::{count, long_date, ModuleSummary, Status};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::invitations::Invitations;
use crate::components::status_badge::StatusBadge;
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::session::use_signed_in;
use crate::services::training;

/// The list of the signed-in person's modules.
#[function_component(Training)]
pub fn training_page() -> Html {
    let me = use_signed_in();
    // Joining a school assigns its modules: counting joins reloads the list.
    let joined = use_state(|| 0u32);
    let load = use_fetch(
        (me.as_ref().map(|m| m.id.clone()), *joined),
        |(who, _): (Option<String>, u32)| async move {
            match who {
                Some(_) => training::my_modules().await,
                None => Ok(Vec::new()),
            }
        },
    );
    let Some(me) = me else {
        return html! { <p class="loading" aria-live="polite">{ "Loading…" }</p> };
    };
    html! {
        <section aria-labelledby="training-title">
            <h1 id="training-title">{ "My training" }</h1>
            <p class="lead">{ format!("Hello {}. These are the policies you need to read, check and sign.", me.name) }</p>
            <Invitations onjoined={ {
                let joined = joined.clone();
                Callback::from(move |()| joined.set(*joined + 1))
            } } />
            {
                match &*load {
                    Load::Loaded(list) if list.is_empty() => html! { <p>{ "Nothing is assigned to you yet." }</p> },
                    Load::Loaded(list) => html! {
                        <ul class="modules" aria-label="Assigned modules">{ for list.iter().map(module_card) }</ul>
                    },
                    other => placeholder(other, "your modules"),
                }
            }
        </section>
    }
}

fn module_card(m: &ModuleSummary) -> Html {
    let percent = (m.lessons_done.min(m.lessons_total) * 100)
        .checked_div(m.lessons_total)
        .unwrap_or(0);
    let due_text = match (m.status, m.expires) {
        (Status::Attested, Some(expires)) => format!("Valid until {}", long_date(expires)),
        _ => m
            .due
            .map(|d| format!("Due {}", long_date(d)))
            .unwrap_or_default(),
    };
    let action = match m.status {
        Status::NotStarted => "Start",
        Status::Attested => "Read again",
        Status::Passed => "Sign",
        _ => "Continue",
    };
    let version_id = m.version_id.clone();
    // A pass waiting to be signed goes straight to the attestation.
    let to = if m.status == Status::Passed {
        Route::Quiz { version_id }
    } else {
        Route::Module { version_id }
    };
    html! {
        <li class="module card">
            <div class="module-head">
                <h2>{ &m.title }</h2>
                <StatusBadge status={m.status} />
            </div>
            <p class="meta">{ format!("{} · version {}", m.school_name, m.version_label) }</p>
            <p class="meta due">{ due_text }</p>
            <progress max="100" value={percent.to_string()} aria-label={format!("{} progress", m.title)}>
                { format!("{percent}%") }
            </progress>
            <p class="meta">{ format!("{} of {} read", m.lessons_done, count(m.lessons_total, "lesson", "lessons")) }</p>
            <p class="actions">
                <Link<Route> {to} classes="button primary">
                    { action }
                </Link<Route>>
                if let Some(id) = &m.receipt_id {
                    <Link<Route> to={Route::Receipt { id: id.clone() }} classes="button secondary">{ "Receipt" }</Link<Route>>
                }
            </p>
        </li>
    }
}
