//! Two-factor sign-in in the real app: a manager sets it up (QR code and key, a wrong code
//! refused, recovery codes shown once), signs out, and signs in again with the password and a
//! code from the app; every page checked with axe-core at phone width.

use std::time::{Duration, Instant};

use attest::auth::totp::{code_at, step_of};
use chrono::Utc;

use crate::axe::check_page;
use crate::browser::Browser;
use crate::server::{Server, PASSWORD};
use crate::steps::sign_in;

const MANAGER: &str = "manager@chad-vale-primary.example";

/// The app's code for the first step after `used` (a code is accepted once per step), waiting
/// for the clock to reach that step.
async fn code_after(secret: &str, used: i64) -> String {
    let deadline = Instant::now() + Duration::from_secs(45);
    loop {
        let now = Utc::now();
        if step_of(now) > used {
            return code_at(secret, now).unwrap();
        }
        assert!(
            Instant::now() < deadline,
            "the clock never reached the next step"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn a_manager_sets_up_two_factor_sign_in_and_signs_in_with_a_code() {
    let server = Server::start();
    let browser = Browser::start().await;
    sign_in(&browser, &server.base, MANAGER, PASSWORD).await;
    browser.text_of("h1#dash-title").await;

    browser.click("nav a[href='/two-factor']").await;
    browser
        .wait_for_text("h1#two-factor-title", "Two-factor sign-in")
        .await;
    check_page(&browser, "two-factor sign-in, not set up").await;
    // The region that will say it is on is in the page, empty, before anything happens.
    let status = browser
        .client
        .find(fantoccini::Locator::Css("section .outcome[role=status]"))
        .await
        .expect("a status region kept in the page");
    assert_eq!(status.text().await.unwrap(), "");
    browser.click("#start-two-factor").await;
    let secret = browser.text_of("#two-factor-secret").await;
    assert_eq!(secret.len(), 32, "a base32 key of 160 bits: {secret}");
    let qr = browser.attr("svg.qr-code", "aria-label").await;
    assert!(qr.contains("QR code"), "{qr}");
    check_page(&browser, "two-factor sign-in, scan the code").await;

    // A wrong code is refused in the error summary.
    browser.fill("#code", "12345").await;
    browser.click("form button[type=submit]").await;
    let error = browser.text_of("#error-summary").await;
    assert!(error.contains("That code is not right"), "{error}");
    check_page(&browser, "two-factor sign-in, wrong code").await;

    let confirmed_at = Utc::now();
    browser
        .fill("#code", &code_at(&secret, confirmed_at).unwrap())
        .await;
    browser.click("form button[type=submit]").await;
    let codes = browser.text_of("#recovery-codes").await;
    assert_eq!(codes.lines().count(), 10, "{codes}");
    // Said by the same element (a replaced one would be stale here), only its text changed.
    assert_eq!(
        status.text().await.unwrap(),
        "Two-factor sign-in is now on."
    );
    check_page(&browser, "two-factor sign-in, recovery codes").await;
    browser.click("#codes-saved").await;
    browser.wait_for_text("#two-factor-on", "is on").await;
    // A manager also sees where it may be required.
    browser.text_of("#two-factor-rules table").await;
    check_page(&browser, "two-factor sign-in, on").await;

    browser.click("nav button.link").await;
    browser.text_of("h1#signin-title").await;
    sign_in(&browser, &server.base, MANAGER, PASSWORD).await;
    browser
        .wait_for_text("h1#signin-title", "Enter your code")
        .await;
    check_page(&browser, "sign-in, code").await;
    // The code that confirmed the app is not taken twice: the next step's is.
    let code = code_after(&secret, step_of(confirmed_at)).await;
    browser.fill("#two-factor-code", &code).await;
    browser.click("#two-factor-form button[type=submit]").await;
    browser.text_of("h1#dash-title").await;
}
