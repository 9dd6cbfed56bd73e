//! Review before publish (issue 23), at 1280 and 375 px: a manager uploads a policy, corrects
//! a clause's strength, edits and retires questions, goes through "check your answers" (a past
//! review date warned of, flagged items published unreviewed only when ticked) and publishes;
//! the history names each step; then a member of staff reads the whole policy, downloads the
//! original, fails once without seeing the answers, rereads, and passes, having been asked the
//! reviewed questions with the corrected strength (issue 23's whole journey).

use attest_domain::api::long_date;
use fantoccini::key::Key;
use fantoccini::Locator;
use sha2::{Digest, Sha256};

use crate::axe::check_page;
use crate::browser::Browser;
use crate::reading::{fails_rereads_and_passes, original_digest};
use crate::server::{Server, PASSWORD};
use crate::steps::upload_policy;

const MANAGER: &str = "manager@chad-vale-primary.example";
const STAFF: &str = "staff@chad-vale-primary.example";

/// "Should" in 1.1 is the engine reading the policy right; the school means it as a firm rule.
/// Each of the reader's duties names the moment it applies, so each is asked.
const BADGES: &str = "Badge Policy\n\n1. Badges\n\n\
    1.1 While on the school site, staff should wear their badge at all times.\n\
    1.2 When a visitor or a contractor asks, staff must not lend their badge to them.\n\
    1.3 The headteacher must review the badge register every term.\n\
    1.4 In this policy, a badge means the photo identity card issued by the office.\n";

/// Chooses an option of a select by its value.
async fn choose(browser: &Browser, select: &str, value: &str) {
    browser
        .click(&format!("{select} option[value='{value}']"))
        .await;
}

/// The manager's part, in the browser.
async fn review_and_publish(server: &Server, browser: &Browser, file: &std::path::Path) {
    let c = &browser.client;
    c.goto(&format!("{}/signin", server.base)).await.unwrap();
    browser.fill("#email", MANAGER).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser.text_of("h1#dash-title").await;
    browser.click("a[href$='/policies']").await;
    browser.wait_for_text("h1#policies-title", "Policies").await;
    upload_policy(browser, file).await;
    browser
        .wait_for_text("h1#draft-title", "Review: Badge Policy")
        .await;
    browser.wait_for_text("#left", "waiting for you").await;
    check_page(browser, "draft review").await;
    // Each clause shows its number, section, strength and who holds it, as the engine read it
    // (read from the card's heading and facts, not from the correction drop-downs).
    let title = browser.text_of("#clause-1-1 h3").await;
    assert!(
        title.contains("Clause 1.1") && title.contains("Badges"),
        "{title}"
    );
    let facts = browser.text_of("#clause-1-1 dl.facts").await;
    assert!(facts.contains("Should (advice)"), "{facts}");
    assert!(facts.contains("Staff"), "{facts}");
    let head = browser.text_of("#clause-1-3 dl.facts").await;
    assert!(head.contains("The headteacher"), "{head}");
    // A written question's clause is offered by its number and opening words.
    let choices = browser.text_of("#new-clause").await;
    assert!(
        choices.contains("1.1 — While on the school site, staff should wear…"),
        "{choices}"
    );

    // Correct 1.1's strength: should → must.
    choose(browser, "#strength-1-1", "must").await;
    browser.click("#clause-1-1 button[type=submit]").await;
    let card = browser.wait_for_text("#clause-1-1", "Looked at by").await;
    let facts = browser.text_of("#clause-1-1 dl.facts").await;
    assert!(facts.contains("Must (a firm rule)"), "{facts}");
    assert!(facts.contains("read as should"), "{card}");

    // Retire the question on 1.2, and edit the one on 1.1.
    browser.click("#question-duty-1-2-1 button.secondary").await;
    browser
        .wait_for_text("#question-duty-1-2-1", "Retired")
        .await;
    browser.click("#question-duty-1-1-1 details summary").await;
    browser
        .fill(
            "#edit-duty-1-1-1-stem",
            "You are crossing the playground without your badge. What does the policy say?",
        )
        .await;
    browser
        .click("#question-duty-1-1-1 form button[type=submit]")
        .await;
    browser
        .wait_for_text("#question-duty-1-1-1", "Edited")
        .await;
    check_page(browser, "draft review after corrections").await;

    // Write a question: without a right answer it is refused, clearly, and nothing is added.
    let before = browser.text_of("h2#questions").await;
    assert!(before.contains("Questions (2)"), "{before}");
    browser
        .fill(
            "#new-stem",
            "A visitor asks to borrow your badge. What do you do?",
        )
        .await;
    browser
        .fill(
            "#new-options",
            "Say no: the policy forbids lending it\nLend it if they sign in first",
        )
        .await;
    browser
        .click("#write + .card form button[type=submit]")
        .await;
    browser
        .wait_for_text("#error-summary", "Mark one of the options")
        .await;
    check_page(browser, "a written question refused").await;
    assert_eq!(browser.text_of("h2#questions").await, before);
    browser.fill("#new-answer", "1").await;
    browser
        .click("#write + .card form button[type=submit]")
        .await;
    browser.wait_for_text("h2#questions", "Questions (3)").await;
    browser
        .wait_for_text("section.review", "Written by a manager")
        .await;

    // On to publish: a past review date is warned of on "check your answers".
    browser.click("a.button[href$='/publish']").await;
    browser.wait_for_text("h1#publish-title", "Publish").await;
    check_page(browser, "publish settings").await;
    browser.set_value("#p-review", "2024-02-01").await;
    browser.fill("#p-label", "2026 edition").await;
    browser.click("form.panel button[type=submit]").await;
    let answers = browser
        .wait_for_text(".check-answers", "Badge Policy")
        .await;
    assert!(answers.contains("1 February 2024"), "{answers}");
    assert!(answers.contains("2026 edition"), "{answers}");
    browser
        .wait_for_text(".check-answers .warning", "has passed")
        .await;
    check_page(browser, "check your answers").await;
    // Change it, and come back.
    browser.click(".check-answers button.link").await;
    // What the manager typed is still there when they come back to change something.
    let label = browser
        .client
        .execute("return document.getElementById('p-label').value;", vec![])
        .await
        .unwrap();
    assert_eq!(label, "2026 edition");
    browser.set_value("#p-review", "2027-09-01").await;
    browser.click("form.panel button[type=submit]").await;
    let answers = browser
        .wait_for_text(".check-answers", "1 September 2027")
        .await;
    assert!(answers.contains("2026 edition"), "{answers}");
    // Flagged items are left: publishing waits until the manager ticks the warning's box.
    let publish = "form.panel:not([hidden]) h2#check-title ~ button[type=submit]";
    browser.click(publish).await;
    browser
        .wait_for_text("#error-summary", "publish them unreviewed")
        .await;
    check_page(browser, "publish refused while flagged items wait").await;
    browser.click("#confirm-unreviewed").await;
    browser.click(publish).await;
    browser
        .wait_for_text("h1#published-title", "Published Badge Policy")
        .await;
    check_page(browser, "published").await;

    // The history names each step.
    browser.click("a[href$='/history']").await;
    let table = browser.wait_for_text("table", "Published a policy").await;
    for step in [
        "Uploaded a policy for review",
        "Reviewed a clause",
        "Reviewed a question",
    ] {
        assert!(table.contains(step), "{step}: {table}");
    }
    // Who, by name, and when, in words ("6 December 2026 at 21:05 UTC"); the day it was
    // done, or the day before if midnight passed since.
    assert!(table.contains("Jordan Lee"), "the manager's name: {table}");
    let today = chrono::Utc::now().date_naive();
    let days = [today, today.pred_opt().unwrap_or(today)].map(long_date);
    assert!(
        days.iter().any(|d| table.contains(&format!("{d} at "))),
        "a date in words ({days:?}): {table}"
    );
    check_page(browser, "policy history").await;
}

/// The manager saves a pass mark in the policy's settings, uploads the file again as its next
/// version, and finds the publish form starting from the saved pass mark, not the usual 80%.
async fn next_version_starts_from_saved_settings(browser: &Browser, file: &std::path::Path) {
    let c = &browser.client;
    browser.click("a[href$='/policies']").await;
    browser.wait_for_text("h1#policies-title", "Policies").await;
    c.wait()
        .for_element(Locator::LinkText("Settings for Badge Policy"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for_text("h1#settings-title", "Policy settings")
        .await;
    browser.fill("#s-pass", "70").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("body", "Settings saved.").await;
    c.back().await.unwrap();
    browser.wait_for_text("h1#policies-title", "Policies").await;
    // The page's list of policies arrives after its heading.
    browser
        .wait_for_text("#target", "A new version of Badge Policy")
        .await;
    let script = "return [...document.getElementById('target').options]
        .find(o => o.text === 'A new version of Badge Policy').value;";
    let policy = c.execute(script, vec![]).await.unwrap();
    choose(browser, "#target", policy.as_str().unwrap()).await;
    upload_policy(browser, file).await;
    browser
        .wait_for_text("h1#draft-title", "Review: Badge Policy")
        .await;
    browser.click("a.button[href$='/publish']").await;
    browser.wait_for_text("h1#publish-title", "Publish").await;
    let mut mark = serde_json::Value::Null;
    for _ in 0..200 {
        mark = c
            .execute("return document.getElementById('p-mark').value;", vec![])
            .await
            .unwrap();
        if mark == "70" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(mark, "70", "the saved pass mark");
    check_page(browser, "publish settings of a next version").await;
}

/// The staff member's part, in the browser: the new policy's whole text and its original (the
/// very bytes uploaded), a quiz failed without the answer key, the missed lessons reread and a
/// pass; the failed attempt asked the reviewed questions, with the corrected strength.
async fn staff_read_fail_reread_and_pass(server: &Server, browser: &Browser) {
    let c = &browser.client;
    c.goto(&format!("{}/training", server.base)).await.unwrap();
    browser.fill("#email", STAFF).await;
    browser.fill("#password", PASSWORD).await;
    browser.press("#password", &Key::Enter).await;
    browser.wait_for_text("ul.modules", "Badge Policy").await;
    c.find(Locator::XPath(
        "//li[contains(@class,'module')][contains(., 'Badge Policy')]//a[contains(@class,'primary')]",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    browser.wait_for_text("h1#lesson-title", "").await;
    browser.press("p.full-policy a", &Key::Enter).await;
    let found = browser.wait_for_text("#policy-found", " clauses").await;
    assert!(found.contains('4') || found.contains('3'), "{found}");
    check_page(browser, "the new policy's whole text").await;
    assert_eq!(
        original_digest(browser).await,
        hex::encode(Sha256::digest(BADGES.as_bytes())),
        "the download is the file the manager uploaded"
    );

    // Both attempts together ask the whole reviewed bank (the retake draws what the first did
    // not ask): the retired question never, the edited one with the corrected strength.
    let mut questions = Vec::new();
    for attempt in fails_rereads_and_passes(browser, server).await {
        questions.extend(crate::store::questions(server.data_dir(), &attempt).await);
    }
    let ids: Vec<&str> = questions.iter().filter_map(|q| q["id"].as_str()).collect();
    assert!(!ids.contains(&"duty:1.2:1"), "retired: {ids:?}");
    let edited = questions
        .iter()
        .find(|q| q["id"] == "duty:1.1:1")
        .unwrap_or_else(|| panic!("the edited question is asked: {ids:?}"));
    assert!(edited["stem"].as_str().unwrap().contains("playground"));
    let right = edited["options"][edited["answer"].as_u64().unwrap() as usize]
        .as_str()
        .unwrap();
    assert!(
        right.starts_with("While on the school site, you must wear your badge"),
        "the corrected strength is the right answer: {edited}"
    );
}

async fn a_manager_reviews_and_publishes_at(width: u32) {
    let server = Server::start();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("badges.txt");
    std::fs::write(&file, BADGES).unwrap();
    let browser = Browser::start_at(width).await;
    review_and_publish(&server, &browser, &file).await;
    if width >= 1024 {
        next_version_starts_from_saved_settings(&browser, &file).await;
    }
    browser.client.clone().close().await.unwrap();
    // The staff member's part once, on a laptop (the journey test takes the quiz on a phone).
    if width >= 1024 {
        let staff = Browser::start_at(width).await;
        staff_read_fail_reread_and_pass(&server, &staff).await;
        staff.client.clone().close().await.unwrap();
    }
}

#[tokio::test]
async fn a_manager_reviews_a_policy_and_publishes_it_on_a_laptop() {
    a_manager_reviews_and_publishes_at(1280).await;
}

#[tokio::test]
async fn a_manager_reviews_a_policy_and_publishes_it_on_a_phone() {
    a_manager_reviews_and_publishes_at(375).await;
}
