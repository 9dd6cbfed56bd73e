//! Schools and trusts in the real app: a trust's manager adds a school, renames it and closes
//! it and sets its time zone (the team's own pages then show the new clock), each refused first where a field is missing or wrong, and a school
//! manager is refused closing; pages checked with axe-core.

use crate::axe::check_page;
use crate::browser::Browser;
use crate::server::{Server, PASSWORD};
use crate::steps::{choose_named, click_xpath, sign_in};

const TRUST: &str = "trust@attest.example";

#[tokio::test]
async fn a_trust_manager_adds_renames_and_closes_a_school() {
    let server = Server::start();
    let browser = Browser::start().await;
    sign_in(&browser, &server.base, TRUST, PASSWORD).await;
    browser.text_of("h1#dash-title").await;
    browser.click("a[href='/manage']").await;
    browser.click("a[href='/manage/organisation']").await;
    browser
        .wait_for_text("h1#organisation-title", "Schools and trusts")
        .await;
    check_page(&browser, "schools and trusts").await;

    browser.click("#add-school").await;
    let error = browser.text_of("#error-summary").await;
    assert!(error.contains("Enter the new school's name"), "{error}");
    browser.fill("#new-school", "Birch Primary").await;
    browser.click("#add-school").await;
    browser
        .wait_for_text("#organisation-done", "Birch Primary is added")
        .await;

    choose_named(&browser, "#rename-school", "Birch Primary").await;
    browser.fill("#school-name", "Birch Academy").await;
    browser.click("#rename-school-button").await;
    browser
        .wait_for_text("#organisation-done", "Renamed Birch Academy")
        .await;

    // A school's time zone: an unknown name is refused with the server's words, a real one set.
    choose_named(&browser, "#zone-school", "Birch Academy").await;
    browser.fill("#time-zone", "Mars/Olympus").await;
    browser.click("#set-time-zone").await;
    let error = browser.text_of("#error-summary").await;
    assert!(error.contains("is not a time zone"), "{error}");
    browser.fill("#time-zone", "America/New_York").await;
    browser.click("#set-time-zone").await;
    browser
        .wait_for_text("#organisation-done", "America/New_York time")
        .await;
    // Birch Academy comes first of the trust's schools by name, so its clock is the trust
    // team's (`zone::of_person`): the app's pages follow without a reload.
    browser.click("nav a[href='/manage']").await;
    click_xpath(&browser, "//ul[@class='links']//a[.='Demo Schools Trust']").await;
    browser.click("a[href$='/audit']").await;
    let log = browser.wait_for_text("table", "to America/New_York").await;
    assert!(
        log.contains(" GMT-5"),
        "the log's times on the new clock: {log}"
    );
    browser.click("nav a[href='/manage']").await;
    browser.click("a[href='/manage/organisation']").await;
    browser
        .wait_for_text("h1#organisation-title", "Schools and trusts")
        .await;

    choose_named(&browser, "#close-school", "Birch Academy").await;
    browser.click("#close-school-button").await;
    let error = browser.text_of("#error-summary").await;
    assert!(error.contains("Tick the box"), "{error}");
    browser.click("#close-confirm").await;
    browser.click("#close-school-button").await;
    browser
        .wait_for_text("#organisation-done", "0 members left it")
        .await;
    check_page(&browser, "schools and trusts, after closing").await;

    // Only an administrator adds a trust: the server refuses, and the page says so.
    browser.fill("#new-trust", "Another Trust").await;
    browser.click("#add-trust").await;
    let error = browser.text_of("#error-summary").await;
    assert!(
        error.contains("Only an administrator adds a trust"),
        "{error}"
    );
}
