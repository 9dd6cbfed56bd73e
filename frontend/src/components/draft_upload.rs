//! Uploading a policy file as a draft to review: a new policy (or model), or a new version of
//! one already published. Used by a school's policies page and a trust's model policies page.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::error_summary::{
    described_by, field_message, invalid, ErrorSummary, FieldError,
};
use crate::hooks::select::use_select_value;
use crate::services::{manage, models, review};

/// Where an upload goes.
#[derive(Clone, PartialEq)]
pub enum UploadPlace {
    /// A school's policy.
    School(String),
    /// A trust's model policy.
    Trust(String),
}

/// Props of [`DraftUpload`].
#[derive(Properties, PartialEq)]
pub struct DraftUploadProps {
    /// Where the draft goes.
    pub place: UploadPlace,
    /// What a file may be a new version of: (id, title).
    pub current: Vec<(String, String)>,
}

/// The form: what the file is, the file, and what became of it.
#[function_component(DraftUpload)]
pub fn draft_upload(props: &DraftUploadProps) -> Html {
    let (select, file_field, new) = match &props.place {
        UploadPlace::School(_) => ("target", "policy-file", "A new policy"),
        UploadPlace::Trust(_) => ("model-target", "model-file", "A new model policy"),
    };
    let navigator = use_navigator();
    let (target, file) = (use_node_ref(), use_node_ref());
    // What went well is said in a region that stays in the page; problems in the summary.
    let notice = use_state(|| None::<String>);
    let problems = use_state(Vec::<FieldError>::new);
    // A file is a new policy unless the manager says otherwise.
    use_select_value(&target, String::new(), props.current.len());
    let onupload = {
        let (target, file, place) = (target.clone(), file.clone(), props.place.clone());
        let (notice, problems) = (notice.clone(), problems.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let replaces = target
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .filter(|v| !v.is_empty());
            let (file, place, navigator) = (file.clone(), place.clone(), navigator.clone());
            let (notice, problems) = (notice.clone(), problems.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Some(input) = file.cast::<HtmlInputElement>() else {
                    return;
                };
                let Some((name, bytes)) = manage::read_chosen_file(&input).await else {
                    problems.set(vec![FieldError::new(
                        file_field,
                        "Choose a .txt, .md, .docx or .pdf file",
                    )]);
                    return;
                };
                problems.set(Vec::new());
                notice.set(Some(format!("Reading {name}…")));
                let replaces = replaces.as_deref();
                let made = match &place {
                    UploadPlace::School(id) => {
                        review::create_draft(id, &name, replaces, &bytes).await
                    }
                    UploadPlace::Trust(id) => {
                        models::create_model_draft(id, &name, replaces, &bytes).await
                    }
                };
                match made {
                    // Staff see nothing until a manager has reviewed the draft and published it.
                    Ok(d) => {
                        if let Some(n) = &navigator {
                            n.push(&Route::Draft { id: d.id });
                        }
                    }
                    Err(e) => {
                        notice.set(None);
                        problems.set(vec![FieldError::new(file_field, e.message())]);
                    }
                }
            });
        })
    };
    html! { <>
        <ErrorSummary errors={(*problems).clone()} />
        <form class="panel" onsubmit={onupload} novalidate=true>
            <label for={select}>{ "This file is" }</label>
            <select id={select} ref={target}>
                <option value="">{ new }</option>
                { for props.current.iter().map(|(id, title)| html! {
                    <option value={id.clone()}>{ format!("A new version of {title}") }</option>
                }) }
            </select>
            <label for={file_field}>{ "Policy file (.txt, .md, .docx or .pdf, up to 10 MB)" }</label>
            { field_message(&problems, file_field) }
            <input id={file_field} type="file" accept=".txt,.md,.docx,.pdf" ref={file}
                aria-invalid={invalid(&problems, file_field)} aria-describedby={described_by(&problems, file_field, None)} />
            <button type="submit" class="primary">{ "Upload and review" }</button>
        </form>
        <div role="status">
            if let Some(m) = &*notice { <p class="notice">{ m }</p> }
        </div>
    </> }
}
