//! A manager's pages at a phone's and a laptop's width (issue 24): each titled, focus on the
//! heading after moving between them, axe-clean; a table that scrolls is a named tab stop and
//! one that fits is not; a person's page leads back to their school; dates and counts read
//! as people write them.

use crate::axe::check_page;
use crate::browser::Browser;
use crate::page_checks::{assert_chart_patterns, assert_no_iso_dates, assert_scroll_boxes};
use crate::server::{Server, PASSWORD};

const MANAGER: &str = "manager@chad-vale-primary.example";

async fn a_manager_moves_between_pages_at(width: u32) {
    let server = Server::start();
    let browser = Browser::start_at(width).await;
    let c = &browser.client;
    c.goto(&format!("{}/signin", server.base)).await.unwrap();
    browser.fill("#email", MANAGER).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;

    // A school manager lands on their school's dashboard, its heading focused.
    browser.wait_for_focus("dash-title").await;
    let landed = c.current_url().await.unwrap().path().to_string();
    assert!(landed.starts_with("/manage/schools/"), "{landed}");

    // Manage → the school's dashboard: titled, its heading focused.
    browser.click("a[href='/manage']").await;
    browser.click("ul.links a").await;
    browser.wait_for_focus("dash-title").await;
    assert_eq!(c.title().await.unwrap(), "School dashboard – Attest");
    let page = format!("school dashboard at {width} px");
    check_page(&browser, &page).await;
    assert_scroll_boxes(&browser, &page).await;
    assert_no_iso_dates(&browser, &page).await;
    assert_chart_patterns(&browser, &page).await;
    let dashboard = c.current_url().await.unwrap().path().to_string();

    // The matrix, then a person; from there back to the school.
    browser.click("a[href$='/matrix']").await;
    browser.wait_for_focus("matrix-title").await;
    browser.text_of("table.matrix tbody th a").await;
    let page = format!("matrix at {width} px");
    check_page(&browser, &page).await;
    assert_scroll_boxes(&browser, &page).await;
    assert_no_iso_dates(&browser, &page).await;
    browser.click("table.matrix tbody th a").await;
    browser.wait_for_focus("person-title").await;
    let page = format!("person page at {width} px");
    let back = browser.text_of("nav.back a").await;
    assert!(back.starts_with("Back to "), "{back}");
    check_page(&browser, &page).await;
    assert_scroll_boxes(&browser, &page).await;
    assert_no_iso_dates(&browser, &page).await;
    browser.click("nav.back a").await;
    browser.wait_for_path(&dashboard).await;
    browser.wait_for_focus("dash-title").await;
    c.clone().close().await.unwrap();
}

#[tokio::test]
async fn a_managers_pages_read_well_and_scroll_only_where_they_must_on_a_phone() {
    a_manager_moves_between_pages_at(375).await;
}

#[tokio::test]
async fn a_managers_pages_read_well_and_scroll_only_where_they_must_on_a_laptop() {
    a_manager_moves_between_pages_at(1280).await;
}
