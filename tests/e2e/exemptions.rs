//! A manager, on a person's page at phone width, pauses their training (their policies read
//! "Paused") and records a signature they gave on paper (it counts as attested, and the page
//! says it was on paper, witnessed); axe-clean at each step.

use crate::axe::check_page;
use crate::browser::Browser;
use crate::server::{Server, PASSWORD};

const MANAGER: &str = "manager@chad-vale-primary.example";

#[tokio::test]
async fn a_manager_pauses_someones_training_and_records_a_paper_signature() {
    let server = Server::start();
    let browser = Browser::start_at(375).await;
    browser
        .client
        .goto(&format!("{}/signin", server.base))
        .await
        .unwrap();
    browser.fill("#email", MANAGER).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser.wait_for_text("h1#dash-title", "dashboard").await;
    browser.click("a.button.primary[href$='/matrix']").await;
    browser
        .wait_for_text("a[href^='/manage/people/']", "")
        .await;
    let staff = browser
        .client
        .find(fantoccini::Locator::XPath(
            "//a[starts-with(@href, '/manage/people/')][contains(., 'Alex Taylor')]",
        ))
        .await
        .unwrap();
    staff.click().await.unwrap();
    browser
        .wait_for_text("h1#person-title", "Alex Taylor")
        .await;
    check_page(&browser, "person page with its pause and paper forms").await;

    // Pause: a reason is asked for first; then the policies read "Paused".
    browser.click("details.pause summary").await;
    browser.click("details.pause button[type=submit]").await;
    browser
        .wait_for_text(".error-summary", "Enter the first day")
        .await;
    let day = |days: u32| {
        format!("return new Date(Date.now() + {days} * 864e5).toISOString().slice(0, 10);")
    };
    let today = browser.client.execute(&day(0), vec![]).await.unwrap();
    let today = today.as_str().unwrap().to_string();
    let until = browser.client.execute(&day(60), vec![]).await.unwrap();
    let until = until.as_str().unwrap().to_string();
    browser
        .set_value("details.pause input[type=date]", &today)
        .await;
    browser
        .set_value("details.pause input[id^='pause-until']", &until)
        .await;
    browser
        .fill("details.pause input[type=text]", "Maternity leave")
        .await;
    browser.click("details.pause button[type=submit]").await;
    browser
        .wait_for_text("div.pause p", "Maternity leave")
        .await;
    browser.wait_for_text("table", "Paused").await;
    check_page(&browser, "person page, paused").await;
    browser.click("div.pause button").await;
    browser
        .wait_for_text("details.pause summary", "Pause training")
        .await;

    // A paper signature, witnessed: the person is attested, and the page says how.
    browser.click("details.paper summary").await;
    browser
        .set_value("details.paper input[type=date]", &today)
        .await;
    browser
        .fill("details.paper input[type=text]", "Ann Head")
        .await;
    browser.click("details.paper button[type=submit]").await;
    browser
        .wait_for_text(
            "table.person-attestations",
            "on paper, witnessed by Ann Head",
        )
        .await;
    browser.wait_for_text("table", "Attested").await;
    check_page(&browser, "person page after a paper signature").await;
}
