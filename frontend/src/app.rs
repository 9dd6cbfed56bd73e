//! The routes of the app and the shell around every page.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::layout::Layout;
use crate::hooks::session::SessionProvider;
use crate::pages::{
    link::LinkLanding, module_reader::ModuleReader, not_found::NotFound, quiz::Quiz,
    receipt::ReceiptPage, reminder_log::ReminderLog, reset_password::ResetPassword,
    sign_in::SignIn, training::Training, verify::Verify,
};

/// Every page of the app, by URL.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    /// The landing page: sends people to their training.
    #[at("/")]
    Home,
    /// Sign in with email and password.
    #[at("/signin")]
    SignIn,
    /// A person's assigned modules.
    #[at("/training")]
    Training,
    /// A module, lesson by lesson.
    #[at("/modules/:version_id")]
    Module {
        /// The policy version.
        version_id: String,
    },
    /// The module's quiz, then the attestation.
    #[at("/modules/:version_id/quiz")]
    Quiz {
        /// The policy version.
        version_id: String,
    },
    /// A receipt of a signed attestation.
    #[at("/receipts/:id")]
    Receipt {
        /// The attestation's id.
        id: String,
    },
    /// Public check of a receipt code.
    #[at("/verify/:code")]
    Verify {
        /// The receipt's code.
        code: String,
    },
    /// A sign-in link from a mail.
    #[at("/link/:token")]
    Link {
        /// The link's token.
        token: String,
    },
    /// Choose a new password with a link from a mail.
    #[at("/reset-password/:token")]
    ResetPassword {
        /// The link's token.
        token: String,
    },
    /// A school's reminder log (managers).
    #[at("/schools/:school_id/reminders")]
    ReminderLog {
        /// The school.
        school_id: String,
    },
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Redirect<Route> to={Route::Training} /> },
        Route::SignIn => html! { <SignIn /> },
        Route::Training => html! { <Training /> },
        Route::Module { version_id } => html! { <ModuleReader {version_id} /> },
        Route::Quiz { version_id } => html! { <Quiz {version_id} /> },
        Route::Receipt { id } => html! { <ReceiptPage {id} /> },
        Route::Verify { code } => html! { <Verify {code} /> },
        Route::Link { token } => html! { <LinkLanding {token} /> },
        Route::ResetPassword { token } => html! { <ResetPassword {token} /> },
        Route::ReminderLog { school_id } => html! { <ReminderLog {school_id} /> },
        Route::NotFound => html! { <NotFound /> },
    }
}

/// The root component: router, session and layout.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <BrowserRouter>
            <SessionProvider>
                <Layout>
                    <Switch<Route> render={switch} />
                </Layout>
            </SessionProvider>
        </BrowserRouter>
    }
}
