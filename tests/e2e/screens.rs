//! The main pages over the full demo (`--demo-staff`: 30–60 people a school and a year of
//! history), as staff, a school manager and a trust manager see them, at a phone's and a
//! laptop's width: each page loads its real data, is axe-clean and fits its window.
//!
//! With `ATTEST_SCREENS_DIR` set, each page is also saved there as a PNG: that is how the
//! README's screenshots in `docs/screens/` are made
//! (`ATTEST_SCREENS_DIR=$PWD/docs/screens cargo test -p attest-backend --test e2e screens`;
//! the tests run in `backend/`, so the path must be absolute).

use std::time::{Duration, Instant};

use crate::axe::check_page;
use crate::browser::Browser;
use crate::page_checks::assert_chart_patterns;
use crate::server::{Server, PASSWORD};

/// Signs in and waits for the page the account lands on.
async fn sign_in(server: &Server, width: u32, email: &str) -> Browser {
    let browser = Browser::start_at(width).await;
    browser
        .client
        .goto(&format!("{}/signin", server.base))
        .await
        .unwrap();
    browser.fill("#email", email).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    // The sign-in page has a heading too: wait until the app has moved on from it, or a
    // visit that follows could cut the sign-in short.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let url = browser.client.current_url().await.unwrap();
        if url.path() != "/signin" {
            break;
        }
        assert!(Instant::now() < deadline, "{email} never got past sign-in");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    browser.wait_for_text("h1", "").await;
    browser
}

/// Waits until the page has its heading and has finished loading its data.
async fn wait_loaded(browser: &Browser, page: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let state = browser
            .client
            .execute(
                "const s = document.querySelector('#page-status'); \
                 return [!!document.querySelector('main h1'), s ? s.textContent.trim() : '', \
                   (document.querySelector('main') || {innerText: ''}).innerText.length];",
                vec![],
            )
            .await
            .unwrap();
        let loaded = state[0].as_bool() == Some(true)
            && state[1].as_str() == Some("")
            && state[2].as_u64().unwrap_or(0) > 40;
        if loaded {
            break;
        }
        assert!(Instant::now() < deadline, "{page} never loaded: {state}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Charts draw after their data arrives.
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// Opens `path`, checks it, and saves a screenshot named `name` when asked to.
async fn visit(server: &Server, browser: &Browser, path: &str, name: &str, width: u32) {
    let page = format!("{name} at {width} px");
    if !path.is_empty() {
        browser
            .client
            .goto(&format!("{}{path}", server.base))
            .await
            .unwrap();
    }
    wait_loaded(browser, &page).await;
    check_page(browser, &page).await;
    let text = browser.text_of("main").await;
    assert!(
        !text.contains("Something went wrong") && !text.contains("could not be loaded"),
        "{page}: {text}"
    );
    if let Ok(dir) = std::env::var("ATTEST_SCREENS_DIR") {
        let png = browser.client.screenshot().await.unwrap();
        let file = std::path::Path::new(&dir).join(format!("{name}-{width}.png"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&file, png).unwrap();
    }
}

/// The first link whose address starts with `prefix`, as a path.
async fn first_link(browser: &Browser, prefix: &str) -> String {
    browser
        .wait_for_text(&format!("a[href^='{prefix}']"), "")
        .await;
    let href = browser.attr(&format!("a[href^='{prefix}']"), "href").await;
    href[href.find(prefix).unwrap_or(0)..].to_string()
}

async fn main_pages_at(width: u32) {
    let server = Server::start_with(&["--demo-staff"]);

    let trust = sign_in(&server, width, "trust@attest.example").await;
    visit(&server, &trust, "", "trust-dashboard", width).await;
    // Over the full demo the bars have many statuses side by side: none alike but for colour.
    let compared = assert_chart_patterns(&trust, "trust dashboard").await;
    assert!(compared > 0, "no neighbouring segments to compare");
    let here = trust.client.current_url().await.unwrap().path().to_string();
    visit(
        &server,
        &trust,
        &format!("{here}/matrix"),
        "trust-matrix",
        width,
    )
    .await;
    visit(
        &server,
        &trust,
        &format!("{here}/compare"),
        "trust-comparison",
        width,
    )
    .await;
    // Each clause number in the comparison opens to the clause's words.
    trust.click("details.clauses summary").await;
    let quoted = trust.text_of("details.clauses[open] dd").await;
    assert!(
        quoted.split_whitespace().count() > 3,
        "clause text: {quoted:?}"
    );
    drop(trust);

    let manager = sign_in(&server, width, "manager@chad-vale-primary.example").await;
    visit(&server, &manager, "", "school-dashboard", width).await;
    let school = manager
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .to_string();
    visit(
        &server,
        &manager,
        &format!("{school}/matrix"),
        "school-matrix",
        width,
    )
    .await;
    let person = first_link(&manager, "/manage/people/").await;
    visit(&server, &manager, &person, "person", width).await;
    visit(
        &server,
        &manager,
        &format!("{school}/policies"),
        "policies",
        width,
    )
    .await;
    visit(
        &server,
        &manager,
        &format!("{school}/evidence"),
        "evidence",
        width,
    )
    .await;
    drop(manager);

    let staff = sign_in(&server, width, "staff@chad-vale-primary.example").await;
    visit(&server, &staff, "/training", "my-training", width).await;
    let module = first_link(&staff, "/modules/").await;
    visit(&server, &staff, &module, "lesson", width).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_main_pages_over_a_full_demo_at_a_phones_width() {
    main_pages_at(375).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_main_pages_over_a_full_demo_at_a_laptops_width() {
    main_pages_at(1280).await;
}
