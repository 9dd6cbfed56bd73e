//! Add one person to a school, or edit a person's details at one of their schools: one form for both.

use attest_domain::api::{
    person_name, NameProblem, PersonDetail, PersonInput, PersonMembership, MAX_NAME_CHARS,
};
use chrono::NaiveDate;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::error_summary::{
    described_by, field_message, invalid, ErrorSummary, FieldError,
};
use crate::hooks::fetch::{placeholder, use_fetch, Load};
use crate::hooks::select::use_select_value;
use crate::services::manage::{self, Added};

/// Props of [`NewPersonPage`].
#[derive(Properties, PartialEq)]
pub struct NewPersonProps {
    /// The school they join.
    pub school_id: String,
}

/// `/manage/schools/:id/people/new`.
#[function_component(NewPersonPage)]
pub fn new_person_page(props: &NewPersonProps) -> Html {
    html! { <PersonForm school_id={props.school_id.clone()} person={None::<PersonDetail>} /> }
}

/// Props of [`EditPersonPage`].
#[derive(Properties, PartialEq)]
pub struct EditPersonProps {
    /// The person.
    pub id: String,
}

/// `/manage/people/:id/edit`.
#[function_component(EditPersonPage)]
pub fn edit_person_page(props: &EditPersonProps) -> Html {
    let load = use_fetch(props.id.clone(), |id: String| async move {
        manage::person(&id).await
    });
    match &*load {
        Load::Loaded(p) => match p.memberships.first() {
            Some(m) => {
                html! { <PersonForm school_id={m.school_id.clone()} person={Some(p.clone())} /> }
            }
            None => {
                html! { <p class="error" role="alert">{ "This person has no membership at your schools." }</p> }
            }
        },
        other => placeholder(other, "this person"),
    }
}

/// Props of [`PersonForm`].
#[derive(Properties, PartialEq)]
pub struct PersonFormProps {
    /// The school (for an edit: the membership shown first).
    pub school_id: String,
    /// The person being edited; none to add someone.
    pub person: Option<PersonDetail>,
}

fn input_value(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// Groups as typed: separated by `;` or `,`, blanks dropped.
fn split_groups(text: &str) -> Vec<String> {
    text.split([';', ','])
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(str::to_string)
        .collect()
}

/// The form's fields read into a request, or what is wrong with each field.
fn read_form(
    refs: &[NodeRef; 5],
    school_id: Option<String>,
) -> Result<PersonInput, Vec<FieldError>> {
    let [name, email, groups, start, active] = refs;
    let name = input_value(name).trim().to_string();
    let email = input_value(email).trim().to_string();
    let start_date = input_value(start).parse::<NaiveDate>().ok();
    let mut problems = Vec::new();
    match person_name(&name) {
        Ok(_) => {}
        Err(NameProblem::Empty) => {
            problems.push(FieldError::new("pf-name", "Enter the person's name"))
        }
        Err(NameProblem::TooLong(_)) => problems.push(FieldError::new(
            "pf-name",
            format!("Enter a name of {MAX_NAME_CHARS} characters or fewer"),
        )),
    }
    if email.is_empty() {
        problems.push(FieldError::new(
            "pf-email",
            "Enter the person's email address",
        ));
    }
    if start_date.is_none() {
        problems.push(FieldError::new(
            "pf-start",
            "Enter the start date (day, month and year)",
        ));
    }
    match start_date {
        Some(start_date) if problems.is_empty() => Ok(PersonInput {
            name,
            email,
            groups: split_groups(&input_value(groups)),
            start_date,
            active: active.cast::<HtmlInputElement>().map(|c| !c.checked()),
            school_id,
        }),
        _ => Err(problems),
    }
}

/// The add/edit form.
#[function_component(PersonForm)]
pub fn person_form(props: &PersonFormProps) -> Html {
    let navigator = use_navigator();
    let refs: [NodeRef; 5] = Default::default();
    let school = use_node_ref();
    let problems = use_state(Vec::<FieldError>::new);
    let notice = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let editing = props.person.clone();
    let memberships: Vec<PersonMembership> = editing
        .as_ref()
        .map(|p| p.memberships.clone())
        .unwrap_or_default();
    let first = memberships.first();
    // The fields below start with the first membership's details: so does the choice.
    let first_school = first.map(|m| m.school_id.clone()).unwrap_or_default();
    use_select_value(&school, first_school, memberships.len());
    let onsubmit = {
        let (refs, school, problems, busy) =
            (refs.clone(), school.clone(), problems.clone(), busy.clone());
        let notice = notice.clone();
        let (school_id, editing) = (props.school_id.clone(), editing.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let chosen = school
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_else(|| school_id.clone());
            let input = match read_form(&refs, editing.as_ref().map(|_| chosen.clone())) {
                Ok(input) => input,
                Err(found) => return problems.set(found),
            };
            problems.set(Vec::new());
            let notice = notice.clone();
            let (problems, busy, navigator, editing) = (
                problems.clone(),
                busy.clone(),
                navigator.clone(),
                editing.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let saved = match &editing {
                    Some(p) => manage::update_person(&p.id, &input)
                        .await
                        .map(Added::Member),
                    None => manage::create_person(&chosen, &input).await,
                };
                busy.set(false);
                match saved {
                    Ok(Added::Member(detail)) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::Person { id: detail.id });
                        }
                    }
                    Ok(Added::Invited(accepted)) => notice.set(Some(accepted.message)),
                    // The server's refusal is about the form as a whole.
                    Err(e) => problems.set(vec![FieldError::new("", e.message())]),
                }
            });
        })
    };
    // Another school's membership has its own groups, start date and leaver flag: show them.
    let onschool = {
        let (refs, memberships) = (refs.clone(), memberships.clone());
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let Some(m) = memberships.iter().find(|m| m.school_id == select.value()) else {
                return;
            };
            let [_, _, groups, start, active] = &refs;
            if let Some(i) = groups.cast::<HtmlInputElement>() {
                i.set_value(&m.groups.join("; "));
            }
            if let Some(i) = start.cast::<HtmlInputElement>() {
                i.set_value(&m.start_date.to_string());
            }
            if let Some(i) = active.cast::<HtmlInputElement>() {
                i.set_checked(!m.active);
            }
        })
    };
    let [name, email, groups, start, active] = refs;
    let title = match &editing {
        Some(p) => format!("Edit {}", p.name),
        None => "Add a person".to_string(),
    };
    html! {
        <section aria-labelledby="person-form-title">
            <h1 id="person-form-title">{ title }</h1>
            <ErrorSummary errors={(*problems).clone()} />
            <form class="panel person-form" {onsubmit} novalidate=true>
                if memberships.len() > 1 {
                    <label for="pf-school">{ "School" }</label>
                    <select id="pf-school" ref={school} onchange={onschool}>
                        { for memberships.iter().map(|m| html! { <option value={m.school_id.clone()}>{ &m.school_name }</option> }) }
                    </select>
                }
                <label for="pf-name">{ "Name" }</label>
                { field_message(&problems, "pf-name") }
                <input id="pf-name" type="text" autocomplete="name" ref={name}
                    aria-invalid={invalid(&problems, "pf-name")} aria-describedby={described_by(&problems, "pf-name", None)}
                    value={editing.as_ref().map(|p| p.name.clone()).unwrap_or_default()} />
                <label for="pf-email">{ "Email" }</label>
                { field_message(&problems, "pf-email") }
                <input id="pf-email" type="email" autocomplete="email" ref={email}
                    aria-invalid={invalid(&problems, "pf-email")} aria-describedby={described_by(&problems, "pf-email", None)}
                    value={editing.as_ref().map(|p| p.email.clone()).unwrap_or_default()} />
                <label for="pf-groups">{ "Groups (separated by ;)" }</label>
                <input id="pf-groups" type="text" ref={groups} aria-describedby="pf-groups-hint"
                    value={first.map(|m| m.groups.join("; ")).unwrap_or_default()} />
                <p id="pf-groups-hint" class="meta">{ "For example: teaching; safeguarding. Groups decide which policies they must complete." }</p>
                <label for="pf-start">{ "Start date" }</label>
                { field_message(&problems, "pf-start") }
                <input id="pf-start" type="date" ref={start}
                    aria-invalid={invalid(&problems, "pf-start")} aria-describedby={described_by(&problems, "pf-start", None)}
                    value={first.map(|m| m.start_date.to_string()).unwrap_or_default()} />
                if let Some(m) = first {
                    <div class="option">
                        <input id="pf-left" type="checkbox" ref={active} checked={!m.active} />
                        <label for="pf-left">{ "Has left this school (deactivated, never deleted; their records stay)" }</label>
                    </div>
                }
                <div role="status">
                    if let Some(message) = &*notice { <p class="notice">{ message }</p> }
                </div>
                <button type="submit" class="primary" disabled={*busy}>
                    { if editing.is_some() { "Save changes" } else { "Add person" } }
                </button>
            </form>
        </section>
    }
}
