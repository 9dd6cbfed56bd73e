//! `/manage/schools/{id}/directory` and `/manage/trusts/{id}/directory`: signing in through
//! the place's own directory (Microsoft Entra ID, Google Workspace).

use attest_domain::api::DirectorySettings;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::error_summary::{
    described_by, field_message, invalid, ErrorSummary, FieldError,
};
use crate::hooks::session::use_signed_in;
use crate::services::directory;
use crate::services::manage::Level;

const ISSUER: &str = "issuer";
const CLIENT_ID: &str = "client-id";
const SECRET: &str = "client-secret";
const DOMAINS: &str = "email-domains";
const ONLY: &str = "directory-only";

/// Props of [`DirectoryPage`].
#[derive(Properties, PartialEq)]
pub struct DirectoryProps {
    /// A school or a trust.
    pub level: Level,
    /// Its id.
    pub id: String,
}

fn value(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The settings typed, with a problem per empty field.
fn read_form(fields: &[NodeRef; 5]) -> (DirectorySettings, Vec<FieldError>) {
    let [issuer, client_id, secret, domains, only] = fields;
    let settings = DirectorySettings {
        issuer: value(issuer).trim().to_string(),
        client_id: value(client_id).trim().to_string(),
        client_secret: value(secret),
        has_secret: false,
        email_domains: value(domains)
            .split([',', ' ', ';'])
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .collect(),
        directory_only: only.cast::<HtmlInputElement>().is_some_and(|i| i.checked()),
    };
    let mut problems = Vec::new();
    if settings.issuer.is_empty() {
        problems.push(FieldError::new(
            ISSUER,
            "Enter the directory's issuer address",
        ));
    }
    if settings.client_id.is_empty() {
        problems.push(FieldError::new(CLIENT_ID, "Enter the client id"));
    }
    if settings.email_domains.is_empty() {
        problems.push(FieldError::new(DOMAINS, "Enter at least one email domain"));
    }
    (settings, problems)
}

/// The settings form.
#[function_component(DirectoryPage)]
pub fn directory_page(props: &DirectoryProps) -> Html {
    let me = use_signed_in();
    let stored = use_state(|| None::<DirectorySettings>);
    let problems = use_state(Vec::<FieldError>::new);
    let saved = use_state(|| false);
    let fields = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    {
        let (stored, problems) = (stored.clone(), problems.clone());
        let (level, id) = (props.level, props.id.clone());
        use_effect_with((me.is_some(), id.clone()), move |(signed_in, _)| {
            if *signed_in {
                wasm_bindgen_futures::spawn_local(async move {
                    match directory::settings(level, &id).await {
                        Ok(s) => stored.set(Some(s)),
                        Err(f) => problems.set(vec![FieldError::new("", f.message())]),
                    }
                });
            }
        });
    }
    let onsubmit = {
        let (stored, problems, saved, fields) = (
            stored.clone(),
            problems.clone(),
            saved.clone(),
            fields.clone(),
        );
        let (level, id) = (props.level, props.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (settings, missing) = read_form(&fields);
            saved.set(false);
            if !missing.is_empty() {
                problems.set(missing);
                return;
            }
            let (stored, problems, saved, id) =
                (stored.clone(), problems.clone(), saved.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match directory::save(level, &id, &settings).await {
                    Ok(s) => {
                        problems.set(Vec::new());
                        stored.set(Some(s));
                        saved.set(true);
                    }
                    Err(f) => problems.set(vec![FieldError::new("", f.message())]),
                }
            });
        })
    };
    let Some(current) = &*stored else {
        return html! {
            <section class="panel" aria-labelledby="directory-title">
                <h1 id="directory-title">{ "Sign in with school accounts" }</h1>
                <ErrorSummary errors={(*problems).clone()} />
                <p class="loading">{ "Loading…" }</p>
            </section>
        };
    };
    let [issuer, client_id, secret, domains, only] = fields.clone();
    let text = |id: &'static str,
                label: &str,
                hint: &str,
                node: NodeRef,
                value: String,
                kind: &'static str| {
        let hint_id = format!("{id}-hint");
        html! {
            <>
                <label for={id}>{ label.to_string() }</label>
                <p class="hint" id={hint_id.clone()}>{ hint.to_string() }</p>
                { field_message(&problems, id) }
                <input id={id} name={id} type={kind} ref={node} value={value} spellcheck="false"
                    autocomplete="off" aria-invalid={invalid(&problems, id)}
                    aria-describedby={described_by(&problems, id, Some(&hint_id))} />
            </>
        }
    };
    let secret_hint = if current.has_secret {
        "A secret is stored. Leave this empty to keep it."
    } else {
        "From the app registration in your directory."
    };
    html! {
        <section class="panel" aria-labelledby="directory-title">
            <h1 id="directory-title">{ "Sign in with school accounts" }</h1>
            <p>{ "Staff can sign in with the accounts your school already gives them (Microsoft 365 \
                  or Google Workspace). Attest only signs in people it already has, by an email \
                  address the directory has verified." }</p>
            <ErrorSummary errors={(*problems).clone()} />
            <div role="status">
                if *saved { <p class="notice" id="directory-saved">{ "Your settings are saved." }</p> }
            </div>
            <form {onsubmit} novalidate=true>
                { text(ISSUER, "Issuer address", "Such as https://login.microsoftonline.com/<tenant id>/v2.0 or https://accounts.google.com.", issuer, current.issuer.clone(), "url") }
                { text(CLIENT_ID, "Client id", "The id of the app registration for Attest.", client_id, current.client_id.clone(), "text") }
                { text(SECRET, "Client secret", secret_hint, secret, String::new(), "password") }
                { text(DOMAINS, "Email domains", "Separate several with commas, such as school.example, trust.example.", domains, current.email_domains.join(", "), "text") }
                <div class="checkbox">
                    <input id={ONLY} name={ONLY} type="checkbox" ref={only} checked={current.directory_only} />
                    <label for={ONLY}>{ "Staff sign in only with their school account (passwords are refused)" }</label>
                </div>
                <button type="submit" class="primary">{ "Save settings" }</button>
            </form>
        </section>
    }
}
