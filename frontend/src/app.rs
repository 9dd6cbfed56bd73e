//! The routes of the app and the shell around every page.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::layout::Layout;
use crate::hooks::session::SessionProvider;
use crate::pages::manage::{
    amendments::AmendmentsPage,
    audit::AuditPage,
    compare::ComparePage,
    dashboard::DashboardPage,
    directory::DirectoryPage,
    draft::{publish::DraftPublishPage, DraftPage},
    evidence::EvidencePage,
    holidays::HolidaysPage,
    home::ManageHome,
    import::ImportPage,
    matrix::MatrixPage,
    models::TrustModelsPage,
    organisation::OrganisationPage,
    person::PersonPage,
    person_form::{EditPersonPage, NewPersonPage},
    policies::PoliciesPage,
    policy_history::PolicyHistoryPage,
    policy_settings::PolicySettingsPage,
    roles::RolesPage,
    trust_evidence::TrustEvidencePage,
};
use crate::pages::{
    link::LinkLanding, module_reader::ModuleReader, not_found::NotFound,
    policy_text::PolicyTextPage, quiz::Quiz, receipt::ReceiptPage, reminder_log::ReminderLog,
    reset_password::ResetPassword, setup::Setup, sign_in::SignIn, training::Training,
    two_factor::TwoFactorPage, verify::Verify,
};
use crate::services::manage::Level;

/// Every page of the app, by URL.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    /// The landing page: sends people to their training.
    #[at("/")]
    Home,
    /// The first start without the demo (the token follows `#`).
    #[at("/setup")]
    Setup,
    /// Sign in with email and password.
    #[at("/signin")]
    SignIn,
    /// One's own two-factor sign-in (and, for managers, where it is required).
    #[at("/two-factor")]
    TwoFactor,
    /// A person's assigned modules.
    #[at("/training")]
    Training,
    /// A module, lesson by lesson.
    #[at("/modules/:version_id")]
    Module {
        /// The policy version.
        version_id: String,
    },
    /// One lesson of a module (a link from a failed quiz's lessons to reread).
    #[at("/modules/:version_id/lessons/:lesson")]
    Lesson {
        /// The policy version.
        version_id: String,
        /// The lesson's place (0-based).
        lesson: usize,
    },
    /// The whole policy as written, searchable, with its original to download.
    #[at("/modules/:version_id/policy")]
    PolicyText {
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
    /// Where to type a receipt code to check it.
    #[at("/verify")]
    VerifyForm,
    /// Public check of a receipt code.
    #[at("/verify/:code")]
    Verify {
        /// The receipt's code.
        code: String,
    },
    /// The managers' area.
    #[at("/manage")]
    Manage,
    /// Add, rename and close schools; rename a trust.
    #[at("/manage/organisation")]
    Organisation,
    /// Give or take away managing roles.
    #[at("/manage/roles")]
    Roles,
    /// A school's dashboard.
    #[at("/manage/schools/:id")]
    SchoolDashboard {
        /// The school.
        id: String,
    },
    /// A trust's dashboard.
    #[at("/manage/trusts/:id")]
    TrustDashboard {
        /// The trust.
        id: String,
    },
    /// A school's completion matrix.
    #[at("/manage/schools/:id/matrix")]
    SchoolMatrix {
        /// The school.
        id: String,
    },
    /// A trust's completion matrix.
    #[at("/manage/trusts/:id/matrix")]
    TrustMatrix {
        /// The trust.
        id: String,
    },
    /// A school's audit log.
    #[at("/manage/schools/:id/audit")]
    SchoolAudit {
        /// The school.
        id: String,
    },
    /// A trust's audit log.
    #[at("/manage/trusts/:id/audit")]
    TrustAudit {
        /// The trust.
        id: String,
    },
    /// How a school signs in through its own directory.
    #[at("/manage/schools/:id/directory")]
    SchoolDirectory {
        /// The school.
        id: String,
    },
    /// How a trust signs in through its own directory.
    #[at("/manage/trusts/:id/directory")]
    TrustDirectory {
        /// The trust.
        id: String,
    },
    /// A trust's topic comparison.
    #[at("/manage/trusts/:id/compare")]
    Compare {
        /// The trust.
        id: String,
    },
    /// A person's page.
    #[at("/manage/people/:id")]
    Person {
        /// The person.
        id: String,
    },
    /// Staff import.
    #[at("/manage/schools/:id/import")]
    ImportPeople {
        /// The school.
        id: String,
    },
    /// Policies: the list, and uploading a file to review.
    #[at("/manage/schools/:id/policies")]
    Policies {
        /// The school.
        id: String,
    },
    /// A trust's model policies: upload, and which schools follow each.
    #[at("/manage/trusts/:id/models")]
    TrustModels {
        /// The trust.
        id: String,
    },
    /// A school's local amendments to its copy of a trust's model.
    #[at("/manage/policies/:id/amendments")]
    Amendments {
        /// The school's policy.
        id: String,
    },
    /// A draft under review: its clauses and questions.
    #[at("/manage/drafts/:id")]
    Draft {
        /// The draft.
        id: String,
    },
    /// A reviewed draft's settings, "check your answers" and publish.
    #[at("/manage/drafts/:id/publish")]
    DraftPublish {
        /// The draft.
        id: String,
    },
    /// Who uploaded, reviewed and published what for a policy.
    #[at("/manage/policies/:id/history")]
    PolicyHistory {
        /// The policy.
        id: String,
    },
    /// A policy's quiz and deadline settings.
    #[at("/manage/policies/:id/settings")]
    PolicySettings {
        /// The policy.
        id: String,
    },
    /// The evidence report.
    #[at("/manage/schools/:id/evidence")]
    Evidence {
        /// The school.
        id: String,
    },
    /// A trust's evidence report across its schools.
    #[at("/manage/trusts/:id/evidence")]
    TrustEvidence {
        /// The trust.
        id: String,
    },
    /// Add a person to a school.
    #[at("/manage/schools/:id/people/new")]
    NewPerson {
        /// The school.
        id: String,
    },
    /// Edit a person's details.
    #[at("/manage/people/:id/edit")]
    EditPerson {
        /// The person.
        id: String,
    },
    /// A school's holiday calendar.
    #[at("/manage/schools/:id/holidays")]
    Holidays {
        /// The school.
        id: String,
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
    #[at("/manage/schools/:school_id/reminders")]
    ReminderLog {
        /// The school.
        school_id: String,
    },
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The page's own title, before " – Attest" (each route has one, for screen readers and tabs).
    pub fn title(&self) -> &'static str {
        match self {
            Route::Home | Route::Training => "My training",
            Route::SignIn => "Sign in",
            Route::TwoFactor => "Two-factor sign-in",
            Route::Setup => "Set up Attest",
            Route::SchoolAudit { .. } | Route::TrustAudit { .. } => "Audit log",
            Route::SchoolDirectory { .. } | Route::TrustDirectory { .. } => {
                "Sign in with school accounts"
            }
            Route::Module { .. } | Route::Lesson { .. } => "Module",
            Route::Quiz { .. } => "Quiz",
            Route::PolicyText { .. } => "The full policy",
            Route::Receipt { .. } => "Attestation receipt",
            Route::VerifyForm | Route::Verify { .. } => "Check an attestation",
            Route::Manage => "Manage",
            Route::Roles => "Managers",
            Route::Organisation => "Schools and trusts",
            Route::SchoolDashboard { .. } => "School dashboard",
            Route::TrustDashboard { .. } => "Trust dashboard",
            Route::SchoolMatrix { .. } | Route::TrustMatrix { .. } => "Completion matrix",
            Route::Compare { .. } => "Compare policies",
            Route::Person { .. } => "Person",
            Route::ImportPeople { .. } => "Import staff",
            Route::Policies { .. } => "Policies",
            Route::TrustModels { .. } => "Model policies",
            Route::Amendments { .. } => "Local amendments",
            Route::Draft { .. } => "Review a policy",
            Route::DraftPublish { .. } => "Publish a policy",
            Route::PolicyHistory { .. } => "Policy history",
            Route::PolicySettings { .. } => "Policy settings",
            Route::Evidence { .. } => "Evidence",
            Route::TrustEvidence { .. } => "Trust evidence",
            Route::NewPerson { .. } => "Add a person",
            Route::EditPerson { .. } => "Edit a person",
            Route::Holidays { .. } => "School holidays",
            Route::Link { .. } => "Signing you in",
            Route::ResetPassword { .. } => "Choose a new password",
            Route::ReminderLog { .. } => "Reminders",
            Route::NotFound => "Page not found",
        }
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Redirect<Route> to={Route::Training} /> },
        Route::Setup => html! { <Setup /> },
        Route::SignIn => html! { <SignIn /> },
        Route::TwoFactor => html! { <TwoFactorPage /> },
        Route::Training => html! { <Training /> },
        Route::Module { version_id } => html! { <ModuleReader {version_id} /> },
        Route::Lesson { version_id, lesson } => {
            html! { <ModuleReader {version_id} lesson={Some(lesson)} /> }
        }
        Route::Quiz { version_id } => html! { <Quiz {version_id} /> },
        Route::PolicyText { version_id } => html! { <PolicyTextPage {version_id} /> },
        Route::Receipt { id } => html! { <ReceiptPage {id} /> },
        Route::VerifyForm => html! { <Verify code={None::<String>} /> },
        Route::Verify { code } => html! { <Verify code={Some(code)} /> },
        Route::Manage => html! { <ManageHome /> },
        Route::Roles => html! { <RolesPage /> },
        Route::Organisation => html! { <OrganisationPage /> },
        Route::SchoolDashboard { id } => html! { <DashboardPage level={Level::School} {id} /> },
        Route::TrustDashboard { id } => html! { <DashboardPage level={Level::Trust} {id} /> },
        Route::SchoolMatrix { id } => html! { <MatrixPage level={Level::School} {id} /> },
        Route::TrustMatrix { id } => html! { <MatrixPage level={Level::Trust} {id} /> },
        Route::SchoolAudit { id } => html! { <AuditPage level={Level::School} {id} /> },
        Route::TrustAudit { id } => html! { <AuditPage level={Level::Trust} {id} /> },
        Route::SchoolDirectory { id } => html! { <DirectoryPage level={Level::School} {id} /> },
        Route::TrustDirectory { id } => html! { <DirectoryPage level={Level::Trust} {id} /> },
        Route::Compare { id } => html! { <ComparePage {id} /> },
        Route::Person { id } => html! { <PersonPage {id} /> },
        Route::ImportPeople { id } => html! { <ImportPage {id} /> },
        Route::Policies { id } => html! { <PoliciesPage {id} /> },
        Route::TrustModels { id } => html! { <TrustModelsPage {id} /> },
        Route::Amendments { id } => html! { <AmendmentsPage {id} /> },
        Route::Draft { id } => html! { <DraftPage {id} /> },
        Route::DraftPublish { id } => html! { <DraftPublishPage {id} /> },
        Route::PolicyHistory { id } => html! { <PolicyHistoryPage {id} /> },
        Route::Evidence { id } => html! { <EvidencePage {id} /> },
        Route::TrustEvidence { id } => html! { <TrustEvidencePage {id} /> },
        Route::NewPerson { id } => html! { <NewPersonPage school_id={id} /> },
        Route::EditPerson { id } => html! { <EditPersonPage {id} /> },
        Route::Holidays { id } => html! { <HolidaysPage {id} /> },
        Route::PolicySettings { id } => html! { <PolicySettingsPage {id} /> },
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
