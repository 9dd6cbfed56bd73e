//! Managing roles in the real app: a school manager makes a colleague a manager of their school
//! and takes it away again, and is refused a role above their own; pages checked with axe-core.

use crate::axe::check_page;
use crate::browser::Browser;
use crate::server::{Server, PASSWORD};
use crate::steps::{choose, sign_in};

const MANAGER: &str = "manager@chad-vale-primary.example";
const STAFF: &str = "staff@chad-vale-primary.example";

#[tokio::test]
async fn a_school_manager_gives_a_colleague_the_role_and_takes_it_away() {
    let server = Server::start();
    let browser = Browser::start().await;
    sign_in(&browser, &server.base, MANAGER, PASSWORD).await;
    browser.text_of("h1#dash-title").await;
    browser.click("a[href='/manage']").await;
    browser
        .click("#sign-in-settings a[href='/manage/roles']")
        .await;
    browser.wait_for_text("h1#roles-title", "Managers").await;
    // The school is the one place offered once loaded.
    browser.text_of("#role-place option").await;
    check_page(&browser, "managing roles").await;

    // Nothing typed: refused before anything is sent.
    browser.click("#grant-role").await;
    let error = browser.text_of("#error-summary").await;
    assert!(error.contains("Enter their email address"), "{error}");

    browser.fill("#role-email", STAFF).await;
    browser.click("#grant-role").await;
    browser
        .wait_for_text("#role-done", "sign in as they already do")
        .await;
    check_page(&browser, "managing roles, given").await;

    browser.click("#revoke-role").await;
    browser.wait_for_text("#role-done", "taken away").await;

    // A trust manager is above a school manager: the server refuses, and says so.
    choose(&browser, "#role", "trust_manager").await;
    browser.click("#grant-role").await;
    let error = browser.text_of("#error-summary").await;
    assert!(error.contains("up to your own"), "{error}");
    check_page(&browser, "managing roles, refused").await;
}
