//! Schools asking the signed-in person to join them (they work at another school already):
//! each with "Join" and "Decline". Shown on My training; nothing when there are none.

use attest_domain::api::{long_date, Invitation};
use yew::prelude::*;

use crate::components::outcome::AlertRegion;
use crate::services::training;

/// Props of [`Invitations`].
#[derive(Properties, PartialEq)]
pub struct InvitationsProps {
    /// Called after the person joins a school, so its modules can be loaded.
    pub onjoined: Callback<()>,
}

/// The open invitations, each with its answer buttons.
#[function_component(Invitations)]
pub fn invitations(props: &InvitationsProps) -> Html {
    let list = use_state(Vec::<Invitation>::new);
    let error = use_state(|| None::<String>);
    {
        let list = list.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // Invitations are extra: if they cannot be loaded, My training still works.
                if let Ok(found) = training::my_invitations().await {
                    list.set(found);
                }
            });
        });
    }
    if list.is_empty() {
        return html! {};
    }
    let answer = |invitation: &Invitation, join: bool| {
        let (list, error, onjoined) = (list.clone(), error.clone(), props.onjoined.clone());
        let id = invitation.id.clone();
        Callback::from(move |_: MouseEvent| {
            let (list, error, onjoined, id) =
                (list.clone(), error.clone(), onjoined.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let done = if join {
                    training::accept_invitation(&id).await
                } else {
                    training::decline_invitation(&id).await
                };
                match done {
                    Ok(()) => {
                        list.set(list.iter().filter(|i| i.id != id).cloned().collect());
                        if join {
                            onjoined.emit(());
                        }
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        })
    };
    html! {
        <section class="panel" aria-labelledby="invitations-title">
            <h2 id="invitations-title">{ "Schools asking you to join" }</h2>
            <AlertRegion message={(*error).clone()} />
            <ul class="invitations">{ for list.iter().map(|i| html! {
                <li>
                    <p>{ format!("{} would like to add you to its staff", i.school_name) }
                        { if i.groups.is_empty() { String::new() } else { format!(" ({})", i.groups.join(", ")) } }
                        { format!(", starting {}.", long_date(i.start_date)) }</p>
                    <button type="button" onclick={answer(i, true)}>{ "Join" }</button>
                    { " " }
                    <button type="button" class="secondary" onclick={answer(i, false)}>{ "Decline" }</button>
                </li>
            }) }</ul>
        </section>
    }
}
