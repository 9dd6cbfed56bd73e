//! Where two-factor sign-in is required: one row per trust and school the manager manages,
//! each with a button to require it of that place's managers or stop requiring it.

use attest_domain::api::{NamedRef, TwoFactorRule};
use yew::prelude::*;

use crate::components::error_summary::{ErrorSummary, FieldError};
use crate::services::manage::{self, Level};
use crate::services::two_factor;

/// One place and its rule.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    level: Level,
    place: NamedRef,
    rule: TwoFactorRule,
}

/// Every place the manager manages, with its rule.
async fn load() -> Result<Vec<Row>, String> {
    let scope = manage::scope().await.map_err(|f| f.message())?;
    let places = scope
        .trusts
        .into_iter()
        .map(|t| (Level::Trust, t))
        .chain(scope.schools.into_iter().map(|s| (Level::School, s)));
    let mut rows = Vec::new();
    for (level, place) in places {
        let rule = two_factor::rule(level, &place.id)
            .await
            .map_err(|f| f.message())?;
        rows.push(Row { level, place, rule });
    }
    Ok(rows)
}

/// The table of places and their rules.
#[function_component(TwoFactorRules)]
pub fn two_factor_rules() -> Html {
    let rows = use_state(|| None::<Vec<Row>>);
    let problems = use_state(Vec::<FieldError>::new);
    {
        let (rows, problems) = (rows.clone(), problems.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match load().await {
                    Ok(loaded) => rows.set(Some(loaded)),
                    Err(message) => problems.set(vec![FieldError::new("", message)]),
                }
            });
        });
    }
    let toggle = |row: &Row| {
        let (rows, problems, row) = (rows.clone(), problems.clone(), row.clone());
        Callback::from(move |_: MouseEvent| {
            let (rows, problems, row) = (rows.clone(), problems.clone(), row.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let required = !row.rule.required;
                match two_factor::set_rule(row.level, &row.place.id, required).await {
                    Ok(_) => match load().await {
                        Ok(loaded) => {
                            problems.set(Vec::new());
                            rows.set(Some(loaded));
                        }
                        Err(message) => problems.set(vec![FieldError::new("", message)]),
                    },
                    Err(failure) => problems.set(vec![FieldError::new("", failure.message())]),
                }
            });
        })
    };
    let Some(list) = &*rows else {
        return html! { <ErrorSummary errors={(*problems).clone()} /> };
    };
    html! {
        <section aria-labelledby="rules-title" id="two-factor-rules">
            <h2 id="rules-title">{ "Require two-factor sign-in of managers" }</h2>
            <p>{ "A trust's rule covers its central team and the managers of all its schools. \
                  Managers who have not set it up are asked to do so before anything else." }</p>
            <ErrorSummary errors={(*problems).clone()} />
            <table class="rules">
                <thead><tr>
                    <th scope="col">{ "Trust or school" }</th>
                    <th scope="col">{ "Two-factor sign-in" }</th>
                    <th scope="col"><span class="visually-hidden">{ "Change" }</span></th>
                </tr></thead>
                <tbody>
                    { for list.iter().map(|row| {
                        let state = match (row.rule.required, row.rule.required_by_trust) {
                            (true, _) => "Required",
                            (false, true) => "Required by its trust",
                            (false, false) => "Not required",
                        };
                        let action = if row.rule.required { "Stop requiring" } else { "Require" };
                        html! {
                            <tr>
                                <th scope="row">{ &row.place.name }</th>
                                <td>{ state }</td>
                                <td>
                                    <button type="button" class="secondary" onclick={toggle(row)}
                                        aria-label={format!("{action} two-factor sign-in at {}", row.place.name)}>
                                        { action }
                                    </button>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
