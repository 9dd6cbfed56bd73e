//! What a control shows is what is applied, at a phone's and a laptop's width: every drop-down
//! of the managers' pages shows, on first load, the choice the page acts on (issue 24: they
//! showed their last option while the data was unfiltered, so Apply untouched filtered the
//! table, and a new upload was previewed as a new version and stayed so after a publish), and
//! a review date from the document that has passed is warned of with a suggestion.

use fantoccini::Locator;

use crate::axe::check_page;
use crate::browser::Browser;
use crate::server::{Server, PASSWORD};
use crate::steps::{choose_named, upload_policy};

/// A new version of a policy whose document gives a review date long past.
const NEW_VERSION: &str = "Social Media Policy\n\nNext review date: 1 February 2024\n\n\
    1. Personal accounts\n\n\
    1.1 Staff must not accept friend requests from pupils on personal accounts.\n\
    1.2 Staff must report any online safety concern to the designated safeguarding lead.\n";

/// The value a `<select>` shows.
async fn shown(browser: &Browser, css: &str) -> String {
    browser.text_of(css).await;
    let value = browser
        .client
        .execute(
            "return document.querySelector(arguments[0]).value;",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
    value.as_str().unwrap_or_default().to_string()
}

async fn sign_in(browser: &Browser, server: &Server, email: &str) {
    let c = &browser.client;
    c.goto(&format!("{}/signin", server.base)).await.unwrap();
    browser.fill("#email", email).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    // Managers land on their dashboard.
    browser.text_of("h1#dash-title").await;
}

/// The trust's matrix: unfiltered, its drop-downs say so, and Apply untouched changes nothing.
async fn the_matrix_applies_what_it_shows(browser: &Browser, width: u32) {
    browser.click("a[href='/manage']").await;
    browser.click("a[href^='/manage/trusts/']").await;
    browser.wait_for_text("h1#dash-title", "dashboard").await;
    browser.click("a[href$='/matrix']").await;
    let caption = browser
        .wait_for_text("table.matrix caption", "people")
        .await;
    assert_eq!(shown(browser, "#m-group").await, "", "All groups");
    assert_eq!(shown(browser, "#m-status").await, "", "Any status");
    assert_eq!(shown(browser, "#m-sort").await, "name", "Name");
    assert_eq!(shown(browser, "#m-school").await, "", "All schools");
    check_page(browser, &format!("matrix at {width} px")).await;

    let rows = browser.text_of("table.matrix tbody").await;
    browser.click("form.filters button[type=submit]").await;
    assert_eq!(
        browser.text_of("table.matrix caption").await,
        caption,
        "Apply untouched"
    );
    assert_eq!(browser.text_of("table.matrix tbody").await, rows);
}

/// A new version uploaded and published: the document's past review date is warned of with a
/// year from today suggested, and back on the policies page a new upload is a new policy again.
async fn a_published_version_leaves_the_upload_form_as_new(
    browser: &Browser,
    server: &Server,
    width: u32,
) {
    let c = &browser.client;
    c.goto(&format!("{}/manage", server.base)).await.unwrap();
    browser.click("a[href^='/manage/schools/']").await;
    browser.wait_for_text("h1#dash-title", "dashboard").await;
    browser.click("a[href$='/policies']").await;
    browser.text_of("h1#policies-title").await;
    let replaced = browser
        .wait_for_text("select#target option:last-child", "new version")
        .await;
    assert_eq!(
        shown(browser, "#target").await,
        "",
        "a new upload is a new policy"
    );
    check_page(browser, &format!("policies at {width} px")).await;
    let policies = c.current_url().await.unwrap().to_string();

    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("social-media.txt");
    std::fs::write(&file, NEW_VERSION).unwrap();
    choose_named(browser, "#target", &replaced).await;
    upload_policy(browser, &file).await;
    browser.wait_for_text("h1#draft-title", "Review:").await;
    browser.click("a.button[href$='/publish']").await;
    browser.wait_for_text("h1#publish-title", "Publish").await;

    let hint = browser.text_of("#p-review-hint").await;
    assert!(
        hint.contains("1 February 2024") && hint.contains("has passed"),
        "{hint}"
    );
    let suggested = c
        .execute("return document.getElementById('p-review').value;", vec![])
        .await
        .unwrap();
    let next_year = chrono::Utc::now()
        .date_naive()
        .checked_add_months(chrono::Months::new(12))
        .unwrap();
    assert_eq!(suggested, next_year.to_string(), "a year from today");
    check_page(
        browser,
        &format!("publish with a past review date at {width} px"),
    )
    .await;

    browser.click("form.panel button[type=submit]").await;
    browser.text_of("h2#check-title").await;
    let flagged = c
        .find_all(Locator::Css("#confirm-unreviewed"))
        .await
        .unwrap();
    if !flagged.is_empty() {
        browser.click("#confirm-unreviewed").await;
    }
    browser
        .click("form.panel:not([hidden]) h2#check-title ~ button[type=submit]")
        .await;
    browser
        .wait_for_text("h1#published-title", "Published")
        .await;

    c.goto(&policies).await.unwrap();
    browser.text_of("h1#policies-title").await;
    browser
        .wait_for_text("select#target option:last-child", "new version")
        .await;
    assert_eq!(shown(browser, "#target").await, "", "a new policy again");
    let label = c
        .execute(
            "const s = document.getElementById('target'); return s.options[s.selectedIndex].text;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(label, "A new policy");
}

async fn controls_show_what_is_applied_at(width: u32) {
    let server = Server::start();
    let browser = Browser::start_at(width).await;
    sign_in(&browser, &server, "trust@attest.example").await;
    the_matrix_applies_what_it_shows(&browser, width).await;
    a_published_version_leaves_the_upload_form_as_new(&browser, &server, width).await;
    browser.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn drop_downs_show_what_the_page_applies_on_a_phone() {
    controls_show_what_is_applied_at(375).await;
}

#[tokio::test]
async fn drop_downs_show_what_the_page_applies_on_a_laptop() {
    controls_show_what_is_applied_at(1280).await;
}
