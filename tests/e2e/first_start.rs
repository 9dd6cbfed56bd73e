//! Issue 25's whole journey, from an empty database without the demo: the set-up page (with
//! the token the server printed) creates a trust with two schools and its administrator, who
//! sets up two-factor sign-in and requires it, invites a school manager by email and sets up
//! the trust's directory sign-in; the manager accepts, signs in through the test OpenID
//! provider and sets up two-factor as asked, imports an MIS staff export (mapping a column),
//! amends the trust's model policy, pauses one person and records another's paper signature;
//! a member of staff signs in with her school account and attests on her phone; the audit log
//! shows each manager's step, and the evidence PDF names everyone as written.

mod model_policy;

use serde_json::json;

use model_policy::model_policy_reaches_both_schools_and_one_amends_it;

use crate::axe::check_page;
use crate::browser::Browser;
use crate::journey::{answer_quiz, LESSON_POSITION};
use crate::oidc_provider::{OidcProvider, CLIENT_ID, CLIENT_SECRET};
use crate::server::Server;
use crate::smtp::SmtpCapture;
use crate::steps::{
    choose, choose_named, click_xpath, enrol_two_factor, open_person, pause_training, pdf_words,
    record_paper_signature, sign_in,
};

const TRUST: &str = "Afon Learning Trust";
const SCHOOL: &str = "Ysgol Afon";
const OTHER_SCHOOL: &str = "Bryn Academy";
const DOMAIN: &str = "afon.example";
const ADMIN: &str = "gareth.price@afon.example";
const ADMIN_PASSWORD: &str = "first-start-password";
const MANAGER: &str = "carys.jones@afon.example";
const MANAGER_PASSWORD: &str = "carys-chose-this-one";
const WITNESS: &str = "Eleri Morgan";
/// The member of staff who signs in with her school account and attests in the app.
const ZOE: &str = "zoe.ashworth@afon.example";

/// An MIS export as an office downloads it: its own headings, dates as dd/mm/yyyy, and a
/// department column the school groups its staff by (the role is guessed, and changed).
const STAFF: &str =
    "Legal Surname,Preferred Forename,Work Email,Staff Role,Employment Start,Department\n\
    Ashworth,Zoë,zoe.ashworth@afon.example,Teacher,01/09/2019,teaching\n\
    Hughes,Siân,sian.hughes@afon.example,Teaching Assistant,15/01/2021,support\n\
    O'Brien,Liam,liam.obrien@afon.example,Teacher,03/09/2018,teaching\n\
    Pritchard,Ŵyn,wyn.pritchard@afon.example,Caretaker,28/02/2022,site\n";

/// The people the import adds, as the evidence must print them.
const NAMES: [&str; 4] = [
    "Zoë Ashworth",
    "Siân Hughes",
    "Liam O'Brien",
    "Ŵyn Pritchard",
];

/// The set-up page, opened at the address the server printed, creates the trust.
async fn set_up(server: &Server, admin: &Browser) {
    let link = server.printed("Set up Attest at ");
    assert!(
        link.starts_with(&format!("{}/setup#", server.base)),
        "{link}"
    );
    admin.client.goto(&link).await.unwrap();
    admin.wait_for_text("h1#setup-title", "Set up Attest").await;
    check_page(admin, "set-up").await;
    // An empty form is refused with a summary that links to each field.
    admin.click("form.setup-form button[type=submit]").await;
    let summary = admin
        .wait_for_text("#error-summary", "Name at least one school")
        .await;
    assert!(summary.contains("administrator's name"), "{summary}");
    assert_eq!(
        admin.attr("#error-summary a", "href").await,
        "#setup-schools"
    );
    assert_eq!(admin.attr("#setup-password", "aria-invalid").await, "true");
    check_page(admin, "set-up with problems").await;
    admin.fill("#setup-trust", TRUST).await;
    admin
        .fill("#setup-schools", &format!("{SCHOOL}\n{OTHER_SCHOOL}"))
        .await;
    admin.fill("#setup-name", "Gareth Price").await;
    admin.fill("#setup-email", ADMIN).await;
    admin.fill("#setup-password", ADMIN_PASSWORD).await;
    admin.click("form.setup-form button[type=submit]").await;
    admin.wait_for_text("#setup-done", "Attest is set up").await;
    check_page(admin, "set-up done").await;
}

/// The administrator signs in, sets up two-factor and requires it of the trust's managers,
/// invites the manager (whose mail's link is returned) and sets up directory sign-in.
async fn administrator_prepares(
    server: &Server,
    admin: &Browser,
    provider: &OidcProvider,
    mail: &SmtpCapture,
) -> String {
    sign_in(admin, &server.base, ADMIN, ADMIN_PASSWORD).await;
    admin.wait_for_text("h1#dash-title", TRUST).await;
    admin.click("nav a[href='/two-factor']").await;
    enrol_two_factor(admin).await;
    admin
        .click(&format!(
            "button[aria-label='Require two-factor sign-in at {TRUST}']"
        ))
        .await;
    admin
        .wait_for_text("#two-factor-rules", "Stop requiring")
        .await;
    check_page(admin, "two-factor required of the trust's managers").await;

    admin.click("nav a[href='/manage']").await;
    admin
        .click("#sign-in-settings a[href='/manage/roles']")
        .await;
    admin.wait_for_text("h1#roles-title", "Managers").await;
    admin.fill("#role-email", MANAGER).await;
    admin.fill("#role-name", "Carys Jones").await;
    choose(admin, "#role", "school_manager").await;
    choose_named(admin, "#role-place", SCHOOL).await;
    admin.click("#grant-role").await;
    admin
        .wait_for_text("#role-done", "emailed them a link")
        .await;
    check_page(admin, "manager invited").await;
    let link = mail.wait_for_mail_to(MANAGER).link();

    admin.click("nav a[href='/manage']").await;
    admin
        .click("#sign-in-settings a[href^='/manage/trusts/'][href$='/directory']")
        .await;
    admin
        .wait_for_text("h1#directory-title", "Sign in with school accounts")
        .await;
    admin.fill("#issuer", &provider.issuer).await;
    admin.fill("#client-id", CLIENT_ID).await;
    admin.fill("#client-secret", CLIENT_SECRET).await;
    admin.fill("#email-domains", DOMAIN).await;
    admin.click("form button[type=submit]").await;
    admin.wait_for_text("#directory-saved", "saved").await;
    check_page(admin, "trust directory sign-in saved").await;
    link
}

/// The manager follows the invitation, then signs in with their school account and is asked
/// to set up two-factor sign-in before anything else.
async fn manager_joins(server: &Server, manager: &Browser, invitation: &str) {
    assert!(invitation.starts_with(&server.base), "{invitation}");
    manager.client.goto(invitation).await.unwrap();
    manager.fill("#new-password", MANAGER_PASSWORD).await;
    manager.fill("#repeat-password", MANAGER_PASSWORD).await;
    manager.click("form button[type=submit]").await;
    manager.wait_for_text("#reset-done", "changed").await;

    manager
        .client
        .goto(&format!("{}/signin", server.base))
        .await
        .unwrap();
    manager.fill("#email", MANAGER).await;
    manager.click("#directory-sign-in").await;
    manager.wait_for_path("/two-factor").await;
    check_page(manager, "two-factor asked for").await;
    enrol_two_factor(manager).await;
}

/// The manager imports the MIS export at their school, changing the guessed groups column;
/// the school's dashboard address is returned.
async fn import_staff(manager: &Browser, file: &std::path::Path) -> String {
    manager.click("nav a[href='/manage']").await;
    click_xpath(manager, &format!("//ul[@class='links']//a[.='{SCHOOL}']")).await;
    manager.wait_for_text("h1#dash-title", SCHOOL).await;
    let dashboard = manager.client.current_url().await.unwrap().to_string();
    manager.click("a[href$='/import']").await;
    manager.press("#csv-file", file.to_str().unwrap()).await;
    manager.click("form.panel button[type=submit]").await;
    manager.wait_for_text("section h2", "Ready to import").await;
    let guessed = manager
        .client
        .execute(
            "return ['first_name', 'last_name', 'email', 'groups', 'start_date'] \
             .map(k => document.getElementById('column-' + k).value);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        guessed,
        json!([
            "Preferred Forename",
            "Legal Surname",
            "Work Email",
            "Staff Role",
            "Employment Start"
        ])
    );
    check_page(manager, "import preview with the columns guessed").await;
    choose(manager, "#column-groups", "Department").await;
    manager
        .wait_for_text("form.panel button[type=submit]", "Check file")
        .await;
    manager.click("form.panel button[type=submit]").await;
    manager
        .wait_for_text("form.panel button[type=submit]", "Import now")
        .await;
    let rows = manager.text_of("section table").await;
    for name in NAMES {
        assert!(rows.contains(name), "{name}: {rows}");
    }
    // dd/mm/yyyy read as such (and shown as people write dates), and the groups from the
    // chosen column.
    assert!(
        rows.contains("1 September 2019") && rows.contains("28 February 2022"),
        "{rows}"
    );
    assert!(
        rows.contains("support") && !rows.contains("Teaching Assistant"),
        "{rows}"
    );
    manager.click("form.panel button[type=submit]").await;
    manager.wait_for_text("section h2", "Imported").await;
    check_page(manager, "import done").await;
    dashboard
}

/// Zoë signs in with her school account on her phone and reads, passes and signs the
/// school's copy of the model; her receipt's code is returned.
async fn staff_member_attests(server: &Server) -> String {
    let staff = Browser::start().await;
    staff
        .client
        .goto(&format!("{}/signin", server.base))
        .await
        .unwrap();
    staff.fill("#email", ZOE).await;
    staff.click("#directory-sign-in").await;
    staff
        .wait_for_text("h1#training-title", "My training")
        .await;
    staff
        .wait_for_text("li.module", "Mobile Phone Policy")
        .await;
    check_page(&staff, "My training, signed in through the directory").await;
    staff.click("li.module a.button.primary").await;
    let position = staff.wait_for_text(LESSON_POSITION, "Lesson 1 of ").await;
    let total: usize = position
        .trim_start_matches("Lesson 1 of ")
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected lesson position {position:?}"));
    for n in 2..=total {
        staff.click(".pager button.primary").await;
        staff
            .wait_for_text(LESSON_POSITION, &format!("Lesson {n} of {total}"))
            .await;
    }
    staff.click(".pager a.button.primary").await;
    staff.wait_for_text("h1#quiz-title", "Quiz").await;
    answer_quiz(&staff, server, true).await;
    staff.wait_for_text("#quiz-verdict", "You passed").await;
    let statement = staff.text_of("form.attest blockquote.statement").await;
    assert!(statement.contains("Zoë Ashworth"), "{statement}");
    staff.press("#confirm", " ").await;
    staff.click("form.attest button[type=submit]").await;
    let code = staff.text_of("#receipt-code").await;
    check_page(&staff, "receipt").await;
    code
}

/// Every step above, as the trust's audit log lists it (its schools' lines included).
async fn audit_log_shows_every_step(admin: &Browser) {
    admin.click("nav a[href='/manage']").await;
    click_xpath(admin, &format!("//ul[@class='links']//a[.='{TRUST}']")).await;
    admin.click("a[href$='/audit']").await;
    admin.wait_for_text("h1#audit-title", "Audit log").await;
    let log = admin
        .wait_for_text("table", "Recorded a paper signature")
        .await;
    for (what, detail) in [
        ("Changed schools or trusts", TRUST),
        ("Set up two-factor sign-in", "Gareth Price"),
        ("Changed the two-factor rule", "required"),
        ("Gave a role", "Carys Jones"),
        ("Changed directory sign-in", "Gareth Price"),
        ("Set up two-factor sign-in", "Carys Jones"),
        ("Imported staff", SCHOOL),
        ("Published a model policy", "Mobile Phone Policy"),
        ("Published a new version", SCHOOL),
        ("Paused someone's training", "Liam O'Brien"),
        ("Recorded a paper signature", "Siân Hughes"),
    ] {
        let line = log
            .lines()
            .find(|l| l.contains(what) && l.contains(detail))
            .unwrap_or_else(|| panic!("no line {what:?} with {detail:?} in:\n{log}"));
        assert!(!line.is_empty());
    }
    check_page(admin, "the trust's audit log").await;
}

/// The school's evidence PDF, read back: every imported name as written, the paused person
/// as paused, the paper signature as on paper with its witness.
async fn evidence_names_everyone(manager: &Browser, school: &str, zoes_code: &str) {
    manager.client.goto(school).await.unwrap();
    manager.click("a[href$='/evidence']").await;
    manager.wait_for_text("h1#evidence-title", "Evidence").await;
    check_page(manager, "evidence").await;
    let href = manager
        .attr("a[download][href*='evidence.pdf']", "href")
        .await;
    let words = pdf_words(manager, &href).await;
    for name in NAMES {
        assert!(words.contains(name), "{name} in: {words}");
    }
    assert!(!words.contains('?'), "a name printed as ?: {words}");
    for row in [
        "Liam O'Brien liam.obrien@afon.example Mobile Phone Policy Paused",
        "Ŵyn Pritchard wyn.pritchard@afon.example Mobile Phone Policy Not started",
        "Zoë Ashworth zoe.ashworth@afon.example Mobile Phone Policy v2",
    ] {
        assert!(words.contains(row), "{row} in: {words}");
    }
    assert!(
        words.contains(zoes_code),
        "Zoë's receipt {zoes_code}: {words}"
    );
    // The paper signature's cell wraps beside the day it was signed.
    assert!(
        words.contains("on paper, witnessed") && words.contains(&format!("by {WITNESS}")),
        "{words}"
    );
    // Siân's certificate says it in one sentence.
    let href = manager
        .attr("a[href*='evidence.pdf'][href*='person=']", "href")
        .await;
    let words = pdf_words(manager, &href).await;
    assert!(
        words.contains("Certificate of attestation Siân Hughes"),
        "{words}"
    );
    assert!(
        words.contains(&format!("on paper, witnessed by {WITNESS}.")),
        "{words}"
    );
}

#[tokio::test]
async fn a_trust_starts_from_an_empty_database_and_its_evidence_names_everyone() {
    let mail = SmtpCapture::start();
    let server = Server::start_mailing_to(&mail, &["--no-demo"]);
    let provider = OidcProvider::start(
        &format!("{}/api/directory/callback", server.base),
        json!({
            "carys": { "email": MANAGER, "email_verified": true },
            "zoe": { "email": ZOE, "email_verified": true },
        }),
    );
    let files = tempfile::tempdir().unwrap();
    let staff = files.path().join("staff.csv");
    std::fs::write(&staff, STAFF).unwrap();

    let admin = Browser::start_at(1280).await;
    set_up(&server, &admin).await;
    let invitation = administrator_prepares(&server, &admin, &provider, &mail).await;
    let manager = Browser::start_at(1280).await;
    manager_joins(&server, &manager, &invitation).await;
    let school = import_staff(&manager, &staff).await;
    model_policy_reaches_both_schools_and_one_amends_it(&admin, &manager, &school, files.path())
        .await;

    open_person(&manager, &school, "Liam O'Brien").await;
    pause_training(&manager, "Parental leave").await;
    check_page(&manager, "person page, paused").await;
    open_person(&manager, &school, "Siân Hughes").await;
    record_paper_signature(&manager, WITNESS).await;
    check_page(&manager, "person page, signed on paper").await;

    let code = staff_member_attests(&server).await;

    audit_log_shows_every_step(&admin).await;
    evidence_names_everyone(&manager, &school, &code).await;
}
