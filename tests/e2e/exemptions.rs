//! A manager, on a person's page at phone width, pauses their training (their policies read
//! "Paused") and records a signature they gave on paper (it counts as attested, and the page
//! says it was on paper, witnessed); axe-clean at each step.

use crate::axe::check_page;
use crate::browser::Browser;
use crate::server::{Server, PASSWORD};
use crate::steps::{open_person, pause_training, record_paper_signature, sign_in};

const MANAGER: &str = "manager@chad-vale-primary.example";

#[tokio::test]
async fn a_manager_pauses_someones_training_and_records_a_paper_signature() {
    let server = Server::start();
    let browser = Browser::start_at(375).await;
    sign_in(&browser, &server.base, MANAGER, PASSWORD).await;
    browser.wait_for_text("h1#dash-title", "dashboard").await;
    let school = browser.client.current_url().await.unwrap().to_string();
    open_person(&browser, &school, "Alex Taylor").await;
    check_page(&browser, "person page with its pause and paper forms").await;

    // Pause: a reason is asked for first; then the policies read "Paused".
    browser.click("details.pause summary").await;
    browser.click("details.pause button[type=submit]").await;
    browser
        .wait_for_text(".error-summary", "Enter the first day")
        .await;
    pause_training(&browser, "Maternity leave").await;
    check_page(&browser, "person page, paused").await;
    browser.click("div.pause button").await;
    browser
        .wait_for_text("details.pause summary", "Pause training")
        .await;

    // A paper signature, witnessed: the person is attested, and the page says how.
    record_paper_signature(&browser, "Ann Head").await;
    browser.wait_for_text("table", "Attested").await;
    check_page(&browser, "person page after a paper signature").await;
}
