//! The managers' pages beyond the main flow, each checked with axe-core at phone width: add
//! and edit a person, remind them (and see the once-a-day refusal), remind a group, read the
//! reminder log, enter a holiday, see an import's per-line errors, the evidence report and the
//! audit log; then the trust's dashboard, audit log, matrix, comparison and trust-wide evidence.

use fantoccini::Locator;

use crate::axe::check_page;
use crate::browser::Browser;
use crate::server::{Server, PASSWORD};

const MANAGER: &str = "manager@chad-vale-primary.example";
const TRUST: &str = "trust@attest.example";

async fn sign_in(browser: &Browser, server: &Server, email: &str) {
    browser
        .client
        .goto(&format!("{}/signin", server.base))
        .await
        .unwrap();
    browser.fill("#email", email).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    // Managers land on their dashboard.
    browser.text_of("h1#dash-title").await;
}

/// The path of the page now showing.
async fn path(browser: &Browser) -> String {
    browser
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .to_string()
}

#[tokio::test]
async fn a_manager_adds_edits_and_reminds_a_person_enters_a_holiday_and_every_page_is_accessible() {
    let server = Server::start();
    let browser = Browser::start().await;
    let c = &browser.client;
    sign_in(&browser, &server, MANAGER).await;
    browser.click("a[href='/manage']").await;
    check_page(&browser, "manage home").await;
    browser.click("ul.links a").await;
    browser.wait_for_text("h1#dash-title", "dashboard").await;
    browser.text_of(".reviews-ok, .reviews").await;
    check_page(&browser, "school dashboard").await;
    let dashboard = path(&browser).await;

    // Add a person: the form refuses an empty submission with a clear message.
    browser.click("a[href$='/people/new']").await;
    browser.text_of("h1#person-form-title").await;
    check_page(&browser, "add a person").await;
    browser.click("form.person-form button[type=submit]").await;
    let summary = browser
        .wait_for_text("#error-summary", "Enter the person's name")
        .await;
    assert!(
        summary.contains("Enter the person's email address"),
        "{summary}"
    );
    assert_eq!(browser.attr("#error-summary a", "href").await, "#pf-name");
    assert_eq!(browser.attr("#pf-email", "aria-invalid").await, "true");
    check_page(&browser, "add a person, with problems").await;
    // A name longer than 200 characters is refused, saying so.
    browser.fill("#pf-name", &"Robin ".repeat(34)).await;
    browser.click("form.person-form button[type=submit]").await;
    browser
        .wait_for_text("#error-summary", "200 characters or fewer")
        .await;
    browser.fill("#pf-name", "Robin Vale").await;
    browser.fill("#pf-email", "robin.vale@chad.example").await;
    browser.fill("#pf-groups", "teaching").await;
    browser.set_value("#pf-start", "2026-09-01").await;
    browser.click("form.person-form button[type=submit]").await;
    browser.wait_for_text("h1#person-title", "Robin Vale").await;
    let meta = browser.text_of("section p.meta").await;
    assert!(meta.contains("robin.vale@chad.example"), "{meta}");
    check_page(&browser, "person page").await;

    // Edit: the form comes filled in; the change shows on the person's page.
    browser.click("a[href$='/edit']").await;
    browser
        .wait_for_text("h1#person-form-title", "Edit Robin Vale")
        .await;
    let groups = c.find(Locator::Css("#pf-groups")).await.unwrap();
    assert_eq!(
        groups.prop("value").await.unwrap().as_deref(),
        Some("teaching")
    );
    check_page(&browser, "edit a person").await;
    browser.fill("#pf-name", "Robin Vale-Smith").await;
    browser.click("form.person-form button[type=submit]").await;
    browser.wait_for_text("h1#person-title", "Vale-Smith").await;

    // Remind now: queued once, then the once-a-day limit is explained.
    browser.click(".remind button").await;
    browser
        .wait_for_text(".remind [role=status] p", "Reminder queued")
        .await;
    browser.click(".remind button").await;
    browser
        .wait_for_text(".remind [role=alert] p", "already reminded today")
        .await;
    check_page(&browser, "person page after remind now").await;
    c.refresh().await.unwrap();
    let history = browser
        .wait_for_text("table.person-reminders tbody", "manual")
        .await;
    // Times as people write them, on the school's clock (GMT or BST); no ISO timestamps.
    assert!(
        history.contains(" 2026 at ") && (history.contains(" GMT") || history.contains(" BST")),
        "{history}"
    );
    assert!(!history.contains("2026-"), "{history}");

    // A group, from the dashboard.
    c.goto(&format!("{}{dashboard}", server.base))
        .await
        .unwrap();
    browser.text_of("#remind-group").await;
    browser.click("form.remind-group button[type=submit]").await;
    let said = browser.text_of("form.remind-group .outcome p").await;
    assert!(
        said.contains("queued") || said.contains("already reminded"),
        "{said}"
    );
    check_page(&browser, "school dashboard after reminding a group").await;

    // The reminder log lists the manual reminders.
    browser.click("a[href$='/reminders']").await;
    browser
        .wait_for_text("table.reminder-log", "Robin Vale-Smith")
        .await;
    check_page(&browser, "reminder log").await;

    // Holidays: add one; it is listed.
    browser.click("a[href$='/holidays']").await;
    browser.text_of("h1#holidays-title").await;
    check_page(&browser, "holidays (none yet)").await;
    // An empty form is refused with a summary linking to each field.
    browser.click("form.holiday-form button[type=submit]").await;
    let summary = browser
        .wait_for_text("#error-summary", "Give the holiday a name")
        .await;
    assert!(summary.contains("Enter the last day off"), "{summary}");
    assert_eq!(browser.attr("#error-summary a", "href").await, "#h-name");
    assert_eq!(browser.attr("#h-first", "aria-invalid").await, "true");
    check_page(&browser, "holidays, with problems").await;
    browser.fill("#h-name", "October half term").await;
    browser.set_value("#h-first", "2026-10-26").await;
    browser.set_value("#h-last", "2026-10-30").await;
    browser.click("form.holiday-form button[type=submit]").await;
    let row = browser
        .wait_for_text("table.holidays tbody", "October half term")
        .await;
    assert!(
        row.contains("26 October 2026") && row.contains("30 October 2026"),
        "{row}"
    );
    check_page(&browser, "holidays (one)").await;

    // An import with bad lines shows each line's reason, and imports nothing.
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("bad.csv");
    std::fs::write(
        &csv,
        "name,email,groups,start date,school\nAl Good,al.good@chad.example,teaching,2026-09-01,\nNo Email,not-an-email,teaching,2026-09-01,\nBad Day,bad.day@chad.example,teaching,31/02/2026,\n",
    )
    .unwrap();
    c.goto(&format!("{}{dashboard}/import", server.base))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#csv-file"))
        .await
        .unwrap()
        .send_keys(csv.to_str().unwrap())
        .await
        .unwrap();
    browser.click("form button[type=submit]").await;
    browser
        .wait_for_text("section h2", "Fix these lines first")
        .await;
    let errors = browser.text_of("section table tbody").await;
    assert!(errors.contains('3') && errors.contains('4'), "{errors}");
    assert!(
        errors.contains("The start date"),
        "reasons as sentences: {errors}"
    );
    check_page(&browser, "import preview with errors").await;

    // Evidence for the school.
    c.goto(&format!("{}{dashboard}/evidence", server.base))
        .await
        .unwrap();
    browser.wait_for_text("section h2", "as at").await;
    check_page(&browser, "school evidence").await;

    // The audit log names each change, who made it and from where; a filter narrows it.
    c.goto(&format!("{}{dashboard}/audit", server.base))
        .await
        .unwrap();
    let log = browser
        .wait_for_text("section table tbody", "Added a holiday")
        .await;
    assert!(
        log.contains("Changed a person") && log.contains("Added a person"),
        "{log}"
    );
    assert!(
        log.contains("Jordan Lee") && log.contains("127.0.0.1"),
        "{log}"
    );
    check_page(&browser, "audit log").await;
    c.execute(
        "const s = document.querySelector('#a-action'); s.value = 'holiday_added';",
        vec![],
    )
    .await
    .unwrap();
    browser.click("form.filters button[type=submit]").await;
    browser
        .wait_for_text("section table caption", "1 entry")
        .await;

    // The trust's central team: dashboard, matrix, comparison, trust-wide evidence.
    browser.click(".banner button.link").await;
    browser.text_of("#email").await;
    sign_in(&browser, &server, TRUST).await;
    browser.click("a[href='/manage']").await;
    browser.click("a[href^='/manage/trusts/']").await;
    browser.wait_for_text("h1#dash-title", "dashboard").await;
    check_page(&browser, "trust dashboard").await;
    let trust = path(&browser).await;
    c.goto(&format!("{}{trust}/audit", server.base))
        .await
        .unwrap();
    browser
        .wait_for_text("section table tbody", "Chad Vale Primary School")
        .await;
    check_page(&browser, "trust audit log").await;
    c.goto(&format!("{}{trust}", server.base)).await.unwrap();
    browser.wait_for_text("h1#dash-title", "dashboard").await;
    browser.click("a[href$='/matrix']").await;
    browser
        .wait_for_text("table.matrix caption", "people")
        .await;
    check_page(&browser, "trust matrix").await;
    // Each column names its school; the school filter narrows the rows to one school.
    let head = browser.text_of("table.matrix thead").await;
    assert!(head.contains("Chad Vale Primary School"), "{head}");
    c.execute(
        "const s = document.querySelector('#m-school'); \
         s.value = [...s.options].find(o => o.text.startsWith('Chad Vale')).value;",
        vec![],
    )
    .await
    .unwrap();
    browser.click("form.filters button[type=submit]").await;
    // Chad Vale's two demo accounts and Robin, added above; the trust has eleven in all.
    let rows = browser
        .wait_for_text("table.matrix caption", "3 people")
        .await;
    let body = browser.text_of("table.matrix tbody").await;
    assert!(
        body.contains("Chad Vale") && !body.contains("Cameley"),
        "{rows}: {body}"
    );
    c.goto(&format!("{}{trust}/compare", server.base))
        .await
        .unwrap();
    browser.text_of("table.compare").await;
    check_page(&browser, "trust comparison").await;
    // A cell's clause numbers open to the clauses' own words.
    let cell = "table.compare details.clauses";
    let numbers = browser.text_of(&format!("{cell} summary")).await;
    browser.click(&format!("{cell} summary")).await;
    let words = browser.text_of(&format!("{cell}[open] dd")).await;
    assert!(
        numbers.contains("clause") && words.split_whitespace().count() >= 3,
        "{numbers}: {words}"
    );
    c.goto(&format!("{}{trust}", server.base)).await.unwrap();
    browser.click("a[href$='/evidence']").await;
    browser.wait_for_text("p.lead", "5 schools").await;
    let schools = c
        .find_all(Locator::Css(".school-evidence h2"))
        .await
        .unwrap();
    assert_eq!(schools.len(), 5, "one report per school of the trust");
    check_page(&browser, "trust evidence").await;
    c.clone().close().await.unwrap();
}
