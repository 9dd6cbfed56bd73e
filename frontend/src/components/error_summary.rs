//! A GOV.UK-style error summary at the top of a form: "There is a problem", then one link per
//! problem that takes the person to the field it is about; plus the field's own message.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// One problem with a form: the id of the field it is about and what to do about it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The id of the field (or, for a group of options, of its first option); empty for a
    /// problem with the form as a whole (a refusal from the server), which links nowhere.
    pub field: String,
    /// What to do, as a sentence ("Enter your email address").
    pub message: String,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Props of [`ErrorSummary`].
#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    /// The problems, in the order of the fields; none hides the summary.
    pub errors: Vec<FieldError>,
    /// Take focus when the problems change (the usual case); a form that moves focus to the
    /// first field itself says false.
    #[prop_or(true)]
    pub take_focus: bool,
}

/// The summary; it is announced (role alert) and takes focus when its problems change.
#[function_component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    {
        let (node, take_focus) = (node.clone(), props.take_focus);
        use_effect_with(props.errors.clone(), move |errors| {
            if take_focus && !errors.is_empty() {
                if let Some(summary) = node.cast::<HtmlElement>() {
                    let _ = summary.focus();
                }
            }
        });
    }
    if props.errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" id="error-summary" role="alert" tabindex="-1" ref={node}
            aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{ "There is a problem" }</h2>
            <ul>{ for props.errors.iter().map(|e| if e.field.is_empty() {
                html! { <li>{ &e.message }</li> }
            } else {
                html! { <li><a href={format!("#{}", e.field)} onclick={go_to(&e.field)}>{ &e.message }</a></li> }
            }) }</ul>
        </div>
    }
}

/// Moves focus to a field (a plain fragment link would only scroll to it).
fn go_to(field: &str) -> Callback<MouseEvent> {
    let field = field.to_string();
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        focus_field(&field);
    })
}

/// Moves focus to the element with this id, if it is there.
pub fn focus_field(id: &str) {
    let field = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(field) = field {
        let _ = field.focus();
    }
}

/// The message about `field`, if any, shown beside it (its id is `{field}-error`).
pub fn field_message(errors: &[FieldError], field: &str) -> Html {
    match errors.iter().find(|e| e.field == field) {
        Some(e) => html! {
            <p class="field-error" id={format!("{field}-error")}>
                <span class="visually-hidden">{ "Error: " }</span>{ &e.message }
            </p>
        },
        None => html! {},
    }
}

/// `aria-invalid` for `field`: "true" while it has a problem.
pub fn invalid(errors: &[FieldError], field: &str) -> Option<AttrValue> {
    errors
        .iter()
        .any(|e| e.field == field)
        .then_some(AttrValue::Static("true"))
}

/// `aria-describedby` for `field`: its message while it has a problem, else `otherwise`.
pub fn described_by(
    errors: &[FieldError],
    field: &str,
    otherwise: Option<&str>,
) -> Option<AttrValue> {
    if errors.iter().any(|e| e.field == field) {
        Some(AttrValue::from(format!("{field}-error")))
    } else {
        otherwise.map(|o| AttrValue::from(o.to_string()))
    }
}

/// A labelled `<input>` with its problem, while it has one, beside it and marked on it.
pub fn checked_input(
    id: &'static str,
    label: &str,
    kind: &'static str,
    autocomplete: Option<&'static str>,
    node: &NodeRef,
    errors: &[FieldError],
) -> Html {
    html! { <>
        <label for={id}>{ label }</label>
        { field_message(errors, id) }
        <input {id} type={kind} {autocomplete} ref={node.clone()}
            aria-invalid={invalid(errors, id)} aria-describedby={described_by(errors, id, None)} />
    </> }
}
