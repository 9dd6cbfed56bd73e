//! The accessibility check itself can fail: axe-core finds violations in a broken page.

use crate::axe::serious_violations;
use crate::browser::Browser;

#[tokio::test]
async fn the_accessibility_check_reports_serious_violations() {
    let browser = Browser::start().await;
    let c = &browser.client;
    // An image without alternative text and an unlabelled field: both serious or critical.
    c.goto("data:text/html,<html><body><main><img src='x.png'><input type='text'></main></body></html>")
        .await
        .unwrap();
    let violations = serious_violations(&browser, "a broken page").await;
    let ids: Vec<&str> = violations.iter().filter_map(|v| v["id"].as_str()).collect();
    assert!(ids.contains(&"image-alt"), "{ids:?}");
    assert!(ids.contains(&"label"), "{ids:?}");
    c.clone().close().await.unwrap();
}
