//! Signing in with the school's own accounts in the real app, through a real OpenID provider
//! (`tests/oidc/provider.mjs`): a manager sets up the school's directory, then a member of
//! staff signs in with the "Sign in with your school account" button, and an account whose
//! email the directory has not verified is turned back with the reason; pages checked with axe.

use serde_json::json;

use crate::axe::check_page;
use crate::browser::Browser;
use crate::oidc_provider::{OidcProvider, CLIENT_ID, CLIENT_SECRET};
use crate::server::{Server, PASSWORD};
use crate::steps::sign_in;

const MANAGER: &str = "manager@chad-vale-primary.example";
const STAFF: &str = "staff@chad-vale-primary.example";
const UNVERIFIED: &str = "volunteer@chad-vale-primary.example";

#[tokio::test]
async fn a_member_of_staff_signs_in_with_their_school_account() {
    let server = Server::start();
    let provider = OidcProvider::start(
        &format!("{}/api/directory/callback", server.base),
        json!({
            "staff": { "email": STAFF, "email_verified": true },
            "unverified": { "email": UNVERIFIED, "email_verified": false },
        }),
    );
    let browser = Browser::start().await;
    let c = &browser.client;

    sign_in(&browser, &server.base, MANAGER, PASSWORD).await;
    browser.text_of("h1#dash-title").await;
    browser.click("a[href='/manage']").await;
    browser
        .click("#sign-in-settings a[href^='/manage/schools/']")
        .await;
    browser
        .wait_for_text("h1#directory-title", "Sign in with school accounts")
        .await;
    check_page(&browser, "directory settings").await;
    // A missing setting is refused in the error summary before anything is sent.
    browser.click("form button[type=submit]").await;
    let error = browser.text_of("#error-summary").await;
    assert!(
        error.contains("Enter the directory's issuer address"),
        "{error}"
    );
    browser.fill("#issuer", &provider.issuer).await;
    browser.fill("#client-id", CLIENT_ID).await;
    browser.fill("#client-secret", CLIENT_SECRET).await;
    browser
        .fill("#email-domains", "chad-vale-primary.example")
        .await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("#directory-saved", "saved").await;
    check_page(&browser, "directory settings, saved").await;
    browser.click("nav button.link").await;
    browser.text_of("h1#signin-title").await;

    // Through the directory: the provider signs the person in and sends them back.
    browser.fill("#email", STAFF).await;
    browser.click("#directory-sign-in").await;
    browser
        .wait_for_text("h1#training-title", "My training")
        .await;
    let who = browser.text_of("nav .who").await;
    assert!(!who.is_empty());
    browser.click("nav button.link").await;

    // An email the directory has not verified is turned back, saying why. The provider's
    // own session (a cookie on the same host, whatever the port) would otherwise sign the
    // last person in again without asking which account.
    browser.text_of("h1#signin-title").await;
    c.delete_all_cookies().await.unwrap();
    browser.fill("#email", UNVERIFIED).await;
    browser.click("#directory-sign-in").await;
    let error = browser
        .wait_for_text("#error-summary", "has not confirmed")
        .await;
    assert!(error.contains("email address"), "{error}");
    check_page(&browser, "sign-in, directory refused").await;
    let url = c.current_url().await.unwrap();
    assert_eq!(url.query(), Some("directory=unverified"), "{url}");
}
