//! A manager imports staff, publishes a new version, sees a member of staff become due, downloads the CSV.

use std::time::{Duration, Instant};

use fantoccini::Locator;

use crate::axe::check_page;
use crate::browser::Browser;
use crate::server::{workspace, Server, PASSWORD};
use crate::steps::upload_policy;

const STAFF: &str = "staff@chad-vale-primary.example";
const MANAGER: &str = "manager@chad-vale-primary.example";

fn api_client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-requested-with",
        reqwest::header::HeaderValue::from_static("attest"),
    );
    reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .build()
        .unwrap()
}

/// The member of staff passes their quiz and attests, through the API (answers read from the database).
async fn staff_attests(server: &Server) {
    let client = api_client();
    let url = |p: &str| format!("{}{p}", server.base);
    let res = client
        .post(url("/api/session"))
        .json(&serde_json::json!({ "email": STAFF, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let modules: serde_json::Value = client
        .get(url("/api/me/modules"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let version = modules[0]["version_id"].as_str().unwrap().to_string();
    // The quiz opens once every lesson has been opened.
    let lessons = modules[0]["lessons_total"].as_u64().unwrap();
    for lesson in 0..lessons {
        let res = client
            .put(url(&format!("/api/modules/{version}/progress")))
            .json(&serde_json::json!({ "current_lesson": lesson, "lessons_done": lesson + 1 }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    let attempt: serde_json::Value = client
        .post(url(&format!("/api/modules/{version}/attempts")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let attempt_id = attempt["id"].as_str().unwrap().to_string();
    let answers: Vec<Option<usize>> = crate::store::right_answers(server.data_dir(), &attempt_id)
        .await
        .into_iter()
        .map(|(right, _)| Some(right))
        .collect();
    let res = client
        .post(url(&format!("/api/attempts/{attempt_id}/submit")))
        .json(&serde_json::json!({ "answers": answers }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = client
        .post(url(&format!("/api/attempts/{attempt_id}/attestation")))
        .json(&serde_json::json!({ "confirm": true }))
        .send()
        .await
        .unwrap();
    let status = res.status();
    assert_eq!(status, 200, "{}", res.text().await.unwrap());
}

/// Waits until an element's text contains `wanted`.
async fn wait_for_text(browser: &Browser, css: &str, wanted: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(el) = browser.client.find(Locator::Css(css)).await {
            if let Ok(text) = el.text().await {
                if text.contains(wanted) {
                    return text;
                }
            }
        }
        assert!(Instant::now() < deadline, "{css} never showed {wanted:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_manager_imports_publishes_sees_staff_due_and_downloads_the_csv() {
    let server = Server::start();
    staff_attests(&server).await;
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("staff.csv");
    std::fs::write(&csv, "name,email,groups,start date,school\nNia Brook,nia.brook@chad.example,teaching,2026-09-01,\n").unwrap();
    let policy = files.path().join("social-media-v2.txt");
    let text = std::fs::read_to_string(workspace().join("content/policies/chad-vale-primary.txt"))
        .unwrap();
    std::fs::write(&policy, format!("{text}\n\n99. New rules\n\n99.1 Staff must report every friend request from a pupil to the headteacher on the same day.\n")).unwrap();

    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&format!("{}/signin", server.base)).await.unwrap();
    browser.fill("#email", MANAGER).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    // Managers land on their dashboard.
    browser.text_of("h1#dash-title").await;

    // The nav shows the managers' area; from there the school's dashboard.
    browser.click("a[href='/manage']").await;
    browser.click("ul.links a").await;
    let title = browser.text_of("h1#dash-title").await;
    assert!(title.contains("dashboard"), "{title}");
    check_page(&browser, "school dashboard").await;
    let dashboard = c.current_url().await.unwrap();

    // Import: check the file, then import it.
    browser.click("a[href$='/import']").await;
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#csv-file"))
        .await
        .unwrap()
        .send_keys(csv.to_str().unwrap())
        .await
        .unwrap();
    browser.click("form button[type=submit]").await;
    wait_for_text(&browser, "section h2", "Ready to import").await;
    check_page(&browser, "import preview").await;
    browser.click("form button[type=submit]").await;
    wait_for_text(&browser, "section h2", "Imported").await;
    check_page(&browser, "import done").await;

    // Publish a new version with a changed duty.
    c.back().await.unwrap();
    browser.click("a[href$='/policies']").await;
    let target = c
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#target option:nth-child(2)"))
        .await
        .unwrap();
    check_page(&browser, "policies upload").await;
    target.click().await.unwrap();
    upload_policy(&browser, &policy).await;
    // The upload is a draft to review first; its diff says what changed.
    wait_for_text(&browser, "h1#draft-title", "Review").await;
    wait_for_text(&browser, "section.review h2", "What changed").await;
    check_page(&browser, "policy draft with diff").await;
    browser.click("a.button[href$='/publish']").await;
    let reattest = c
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#p-reattest"))
        .await
        .unwrap();
    assert_eq!(
        reattest.prop("checked").await.unwrap().as_deref(),
        Some("true"),
        "re-attestation defaults to on"
    );
    browser.click("form.panel button[type=submit]").await;
    wait_for_text(&browser, ".check-answers", "must re-attest").await;
    check_page(&browser, "check your answers before publishing").await;
    if c.find(Locator::Css("#confirm-unreviewed")).await.is_ok() {
        browser.click("#confirm-unreviewed").await;
    }
    browser
        .click("form.panel:not([hidden]) h2#check-title ~ button[type=submit]")
        .await;
    wait_for_text(&browser, ".panel.notice", "must re-attest").await;
    check_page(&browser, "policy published").await;
    c.goto(dashboard.as_str()).await.unwrap();

    // The matrix shows the member of staff due again.
    browser.click("a[href$='/matrix']").await;
    wait_for_text(&browser, "table.matrix caption", "people").await;
    c.find(Locator::Css("#m-status option[value='due_soon']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.click("form.filters button[type=submit]").await;
    let row = wait_for_text(&browser, "table.matrix tbody", STAFF).await;
    assert!(row.contains("Due soon"), "{row}");
    assert!(
        !row.contains("nia.brook"),
        "the new starter is not due soon"
    );
    check_page(&browser, "school matrix").await;

    // The CSV link works with the browser's own session.
    let href = c
        .find(Locator::Css("a[download][href*='matrix.csv']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let body = c
        .execute_async(
            "const [url, done] = arguments; fetch(url).then(r => r.text().then(t => done(r.status + '\\n' + t)));",
            vec![serde_json::json!(href)],
        )
        .await
        .unwrap();
    let body = body.as_str().unwrap().to_string();
    assert!(body.starts_with("200\n"), "{body}");
    assert!(body.contains(STAFF) && body.contains("Due soon"), "{body}");
    c.clone().close().await.unwrap();
}
