//! A 10,000-line staff file goes through the app's import page: progress is shown while it
//! works, the check and the import both finish, and the times are printed.

use std::fmt::Write;
use std::time::{Duration, Instant};

use fantoccini::Locator;

use crate::browser::Browser;
use crate::server::{Server, PASSWORD};

const MANAGER: &str = "manager@chad-vale-primary.example";
const ROWS: usize = 10_000;

/// Waits up to `limit` for an element's text to contain `wanted`.
async fn wait_long(browser: &Browser, css: &str, wanted: &str, limit: Duration) -> String {
    let deadline = Instant::now() + limit;
    loop {
        if let Ok(el) = browser.client.find(Locator::Css(css)).await {
            if let Ok(text) = el.text().await {
                if text.contains(wanted) {
                    return text;
                }
            }
        }
        assert!(Instant::now() < deadline, "{css} never showed {wanted:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_manager_imports_ten_thousand_staff_through_the_app() {
    let server = Server::start();
    let files = tempfile::tempdir().unwrap();
    let csv_path = files.path().join("big.csv");
    let mut csv = String::from("name,email,groups,start date,school\n");
    for i in 0..ROWS {
        writeln!(
            csv,
            "Person {i:05},person{i:05}@big.example,teaching;support,2026-09-01,"
        )
        .unwrap();
    }
    std::fs::write(&csv_path, &csv).unwrap();

    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&format!("{}/signin", server.base)).await.unwrap();
    browser.fill("#email", MANAGER).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    // Managers land on their dashboard.
    browser.text_of("h1#dash-title").await;
    browser.click("a[href='/manage']").await;
    browser.click("ul.links a").await;
    browser.click("a[href$='/import']").await;
    c.wait()
        .for_element(Locator::Css("#csv-file"))
        .await
        .unwrap()
        .send_keys(csv_path.to_str().unwrap())
        .await
        .unwrap();

    let started = Instant::now();
    browser.click("form button[type=submit]").await;
    let progress = wait_long(
        &browser,
        ".import-progress",
        &format!("{ROWS} rows"),
        Duration::from_secs(10),
    )
    .await;
    assert!(progress.contains("Checking big.csv"), "{progress}");
    wait_long(
        &browser,
        "section h2",
        "Ready to import",
        Duration::from_secs(120),
    )
    .await;
    let checked = started.elapsed();
    let caption = browser.text_of("section table caption").await;
    assert!(
        caption.contains(&format!("the first 200 of {ROWS}")),
        "{caption}"
    );

    let started = Instant::now();
    browser.click("form button[type=submit]").await;
    wait_long(&browser, "section h2", "Imported", Duration::from_secs(180)).await;
    let imported = started.elapsed();
    let summary = browser.text_of("section div[aria-live] p").await;
    assert!(summary.starts_with(&format!("{ROWS} new")), "{summary}");
    println!(
        "import of {ROWS} rows ({} KB) through the app: check {:.2} s, import {:.2} s",
        csv.len() / 1024,
        checked.as_secs_f64(),
        imported.as_secs_f64()
    );
    c.clone().close().await.unwrap();
}
