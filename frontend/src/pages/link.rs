//! `/link/{token}`: a sign-in link from a mail signs the person in and opens its page (after
//! their two-factor code, if they have it set up).

use attest_domain::api::Me;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::two_factor_code::TwoFactorCodeForm;
use crate::hooks::session::{use_session, Session};
use crate::services::links;
use crate::services::two_factor::SignInStep;

/// Props of [`LinkLanding`].
#[derive(Properties, PartialEq)]
pub struct LinkProps {
    /// The link's token.
    pub token: String,
}

/// Uses the link once, then goes where it points; a used or expired link says so.
#[function_component(LinkLanding)]
pub fn link_landing(props: &LinkProps) -> Html {
    let session = use_session();
    let navigator = use_navigator();
    let error = use_state(|| None::<String>);
    let challenge = use_state(|| None::<String>);
    {
        let (error, challenge) = (error.clone(), challenge.clone());
        let (session, navigator) = (session.clone(), navigator.clone());
        use_effect_with(props.token.clone(), move |token| {
            let token = token.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match links::use_link(&token).await {
                    Ok(SignInStep::Done(signed_in)) => {
                        session.set(Session::SignedIn(signed_in.me));
                        if let Some(nav) = navigator {
                            nav.replace(
                                &Route::recognize(&signed_in.next).unwrap_or(Route::Training),
                            );
                        }
                    }
                    Ok(SignInStep::Code(asked)) => challenge.set(Some(asked.challenge)),
                    Err(failure) => error.set(Some(failure.message())),
                }
            });
        });
    }
    let onsignedin = Callback::from(move |me: Me| {
        let to = if me.must_enrol_two_factor {
            Route::TwoFactor
        } else {
            Route::Training
        };
        session.set(Session::SignedIn(me));
        if let Some(nav) = &navigator {
            nav.replace(&to);
        }
    });
    html! {
        <section class="panel narrow" aria-labelledby="link-title">
            <h1 id="link-title">{ "Signing you in" }</h1>
            if let Some(message) = &*error {
                <p class="error" role="alert" id="link-error">{ message }</p>
                <p><Link<Route> to={Route::SignIn}>{ "Go to sign in" }</Link<Route>></p>
            } else if let Some(challenge) = &*challenge {
                <TwoFactorCodeForm challenge={challenge.clone()} {onsignedin} />
            } else {
                <p class="loading" aria-live="polite">{ "Checking your link…" }</p>
            }
        </section>
    }
}
