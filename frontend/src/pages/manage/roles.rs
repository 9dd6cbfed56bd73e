//! `/manage/roles`: give someone a managing role at a school or trust one manages, or take it
//! away. The server refuses a role above one's own and a place one does not manage.

use attest_domain::api::{ManageScope, Role, RoleChange};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::error_summary::{
    described_by, field_message, invalid, ErrorSummary, FieldError,
};
use crate::hooks::session::use_signed_in;
use crate::services::{manage, roles};

const EMAIL: &str = "role-email";
const NAME: &str = "role-name";
const ROLE: &str = "role";
const PLACE: &str = "role-place";

/// The roles offered, with their names.
const ROLES: [(Role, &str); 3] = [
    (Role::SchoolManager, "School manager"),
    (Role::TrustManager, "Trust manager"),
    (Role::Admin, "Administrator"),
];

/// The change typed: the place is "school:ID" or "trust:ID".
fn read(
    email: &NodeRef,
    name: &NodeRef,
    role: &NodeRef,
    place: &NodeRef,
) -> (RoleChange, Vec<FieldError>) {
    let text = |n: &NodeRef| {
        n.cast::<HtmlInputElement>()
            .map(|i| i.value())
            .unwrap_or_default()
    };
    let chosen = |n: &NodeRef| {
        n.cast::<HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default()
    };
    let role = Role::parse(&chosen(role)).unwrap_or(Role::SchoolManager);
    let place = chosen(place);
    let (school_id, trust_id) = match place.split_once(':') {
        Some(("school", id)) => (Some(id.to_string()), None),
        Some(("trust", id)) => (None, Some(id.to_string())),
        _ => (None, None),
    };
    let name = text(name).trim().to_string();
    let change = RoleChange {
        email: text(email).trim().to_string(),
        name: (!name.is_empty()).then_some(name),
        role,
        school_id,
        trust_id,
    };
    let mut problems = Vec::new();
    if change.email.is_empty() {
        problems.push(FieldError::new(EMAIL, "Enter their email address"));
    }
    if change.school_id.is_none() && change.trust_id.is_none() {
        problems.push(FieldError::new(PLACE, "Choose a school or trust"));
    }
    (change, problems)
}

/// The page.
#[function_component(RolesPage)]
pub fn roles_page() -> Html {
    let me = use_signed_in();
    let scope = use_state(|| None::<ManageScope>);
    let problems = use_state(Vec::<FieldError>::new);
    let notice = use_state(|| None::<String>);
    let (email, name, role, place) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    {
        let (scope, problems) = (scope.clone(), problems.clone());
        use_effect_with(me.is_some(), move |signed_in| {
            if *signed_in {
                wasm_bindgen_futures::spawn_local(async move {
                    match manage::scope().await {
                        Ok(s) => scope.set(Some(s)),
                        Err(f) => problems.set(vec![FieldError::new("", f.message())]),
                    }
                });
            }
        });
    }
    let act = |grant: bool| {
        let (problems, notice) = (problems.clone(), notice.clone());
        let (email, name, role, place) = (email.clone(), name.clone(), role.clone(), place.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let (change, missing) = read(&email, &name, &role, &place);
            notice.set(None);
            if !missing.is_empty() {
                problems.set(missing);
                return;
            }
            let (problems, notice) = (problems.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let done = if grant {
                    roles::grant(&change).await.map(|g| g.message)
                } else {
                    roles::revoke(&change)
                        .await
                        .map(|()| "The role is taken away.".to_string())
                };
                match done {
                    Ok(message) => {
                        problems.set(Vec::new());
                        notice.set(Some(message));
                    }
                    Err(f) => problems.set(vec![FieldError::new("", f.message())]),
                }
            });
        })
    };
    let (ongrant, onrevoke) = (act(true), act(false));
    let places = scope.as_ref().map(|s| {
        let trusts = s
            .trusts
            .iter()
            .map(|t| (format!("trust:{}", t.id), t.name.clone()));
        let schools = s
            .schools
            .iter()
            .map(|s| (format!("school:{}", s.id), s.name.clone()));
        trusts.chain(schools).collect::<Vec<_>>()
    });
    html! {
        <section class="panel" aria-labelledby="roles-title">
            <h1 id="roles-title">{ "Managers" }</h1>
            <p>{ "Give someone a managing role, or take one away. You can give a role up to your \
                  own, at a school or trust you manage. Someone new gets an email to choose a \
                  password, unless your school signs in with its own accounts." }</p>
            <ErrorSummary errors={(*problems).clone()} />
            <div role="status">
                if let Some(message) = &*notice { <p class="notice" id="role-done">{ message }</p> }
            </div>
            <form novalidate=true>
                <label for={EMAIL}>{ "Email address" }</label>
                { field_message(&problems, EMAIL) }
                <input id={EMAIL} name="email" type="email" autocomplete="off" spellcheck="false" ref={email}
                    aria-invalid={invalid(&problems, EMAIL)} aria-describedby={described_by(&problems, EMAIL, None)} />
                <label for={NAME}>{ "Full name (only for someone new to Attest)" }</label>
                <input id={NAME} name="name" type="text" autocomplete="off" ref={name} />
                <label for={ROLE}>{ "Role" }</label>
                <select id={ROLE} name="role" ref={role}>
                    // Marked: Yew inserts options last first, and the browser would pick the last.
                    { for ROLES.iter().map(|(r, label)| html! {
                        <option value={r.as_str()} selected={*r == Role::SchoolManager}>{ *label }</option>
                    }) }
                </select>
                <label for={PLACE}>{ "Where" }</label>
                { field_message(&problems, PLACE) }
                <select id={PLACE} name="place" ref={place} aria-invalid={invalid(&problems, PLACE)}
                    aria-describedby={described_by(&problems, PLACE, None)}>
                    { for places.into_iter().flatten().enumerate().map(|(i, (value, label))| html! {
                        <option {value} selected={i == 0}>{ label }</option>
                    }) }
                </select>
                <p class="actions">
                    <button type="submit" class="primary" id="grant-role" onclick={ongrant}>{ "Give the role" }</button>
                    { " " }
                    <button type="button" class="secondary" id="revoke-role" onclick={onrevoke}>{ "Take the role away" }</button>
                </p>
            </form>
        </section>
    }
}
