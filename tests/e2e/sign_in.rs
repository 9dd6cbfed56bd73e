//! Signing in through the real app in a real browser.

use std::time::Duration;

use fantoccini::Locator;

use crate::browser::Browser;
use crate::server::{Server, PASSWORD};

#[tokio::test]
async fn a_staff_member_signs_in_and_sees_their_modules() {
    let server = Server::start();
    let browser = Browser::start().await;
    let c = &browser.client;

    c.goto(&format!("{}/training", server.base)).await.unwrap();
    // Signed out, the app sends the person to sign in.
    assert_eq!(browser.text_of("h1#signin-title").await, "Sign in");

    browser
        .fill("#email", "staff@forge-integrated-primary.example")
        .await;
    browser.fill("#password", "not-the-password").await;
    browser.click("button[type=submit]").await;
    let error = browser.text_of("#error-summary").await;
    assert!(
        error.contains("do not match"),
        "unexpected error text: {error}"
    );

    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    assert_eq!(browser.text_of("h1#training-title").await, "My training");
    let module = browser.text_of("ul.modules li.module h2").await;
    assert!(module.contains("Social Media"), "listed: {module}");
    let url = c.current_url().await.unwrap();
    assert!(url.path().ends_with("/training"), "back at {url}");

    // A reload keeps the session (the cookie) and the list.
    c.refresh().await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("ul.modules li.module"))
        .await
        .unwrap();
    c.clone().close().await.unwrap();
}
