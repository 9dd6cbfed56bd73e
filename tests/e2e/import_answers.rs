//! An MIS export goes through the import page: its columns are guessed and one is changed,
//! "check your answers" names who is added and who would be marked as a leaver, and only then
//! does the import mark them.

use fantoccini::Locator;

use crate::axe::check_page;
use crate::browser::Browser;
use crate::page_checks::assert_scroll_boxes;
use crate::server::{Server, PASSWORD};

const MANAGER: &str = "manager@chad-vale-primary.example";

/// Semicolons and an MIS's own headings; the school's member of staff (Alex Taylor) is not in it.
const EXPORT: &str =
    "Legal Surname;Preferred Forename;Known As;Work Email;Staff Role;Employment Start\n\
                      Ní Bhriain;Zoë;Zo;z.nibhriain@chad.example;Teaching;01/09/2026\n\
                      Ŷr;Ŵyn;Wyn;wyn.yr@chad.example;Support;02/09/2026\n";

async fn an_mis_export_is_checked_at(width: u32) {
    let server = Server::start();
    let files = tempfile::tempdir().unwrap();
    let path = files.path().join("arbor-staff.csv");
    std::fs::write(&path, EXPORT).unwrap();

    let browser = Browser::start_at(width).await;
    let c = &browser.client;
    c.goto(&format!("{}/signin", server.base)).await.unwrap();
    browser.fill("#email", MANAGER).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser.text_of("h1#dash-title").await;
    browser.click("a[href='/manage']").await;
    browser.click("ul.links a").await;
    browser.click("a[href$='/import']").await;
    c.wait()
        .for_element(Locator::Css("#csv-file"))
        .await
        .unwrap()
        .send_keys(path.to_str().unwrap())
        .await
        .unwrap();
    browser.click("#leavers").await;
    browser.click("form button[type=submit]").await;

    browser.wait_for_text("section h2", "Ready to import").await;
    let answers = browser.text_of(".check-answers").await;
    assert!(answers.contains("Zoë Ní Bhriain"), "{answers}");
    assert!(answers.contains("Marked as leavers"), "{answers}");
    assert!(answers.contains("Alex Taylor"), "{answers}");
    let page = format!("import: check your answers at {width} px");
    check_page(&browser, &page).await;
    assert_scroll_boxes(&browser, &page).await;

    // The manager prefers the "Known As" column: the file is checked again with it.
    c.find(Locator::Css("#column-first_name"))
        .await
        .unwrap()
        .select_by_value("Known As")
        .await
        .unwrap();
    browser
        .wait_for_text("form button[type=submit]", "Check file")
        .await;
    browser.click("form button[type=submit]").await;
    browser
        .wait_for_text(".check-answers", "Zo Ní Bhriain")
        .await;
    browser
        .wait_for_text("form button[type=submit]", "Import now")
        .await;

    browser.click("form button[type=submit]").await;
    browser.wait_for_text("section h2", "Imported").await;
    let summary = browser.text_of("section div[aria-live] p").await;
    assert!(summary.contains("2 new"), "{summary}");
    assert!(summary.contains("(1 deactivated)"), "{summary}");
    let page = format!("import done at {width} px");
    check_page(&browser, &page).await;
    assert_scroll_boxes(&browser, &page).await;
    c.clone().close().await.unwrap();
}

#[tokio::test]
async fn an_mis_export_is_checked_with_its_leavers_named_before_it_is_imported_on_a_phone() {
    an_mis_export_is_checked_at(375).await;
}

#[tokio::test]
async fn an_mis_export_is_checked_with_its_leavers_named_before_it_is_imported_on_a_laptop() {
    an_mis_export_is_checked_at(1280).await;
}
