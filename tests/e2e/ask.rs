//! The "Can I …?" box of the module reader (issue 21): a situation in, the policy's answer out
//! in plain words with the deciding clause quoted, or "doesn't say" and whom to ask; on a phone
//! and on a laptop, announced through a region that stays in the page.

use fantoccini::key::Key;

use crate::axe::check_page;
use crate::browser::Browser;
use crate::server::{Server, PASSWORD};

const STAFF: &str = "staff@chad-vale-primary.example";

/// Signs in and opens the first assigned module.
async fn open_module(browser: &Browser, server: &Server) {
    let c = &browser.client;
    c.goto(&format!("{}/signin", server.base)).await.unwrap();
    browser.fill("#email", STAFF).await;
    browser.fill("#password", PASSWORD).await;
    browser.press("#password", &Key::Enter).await;
    browser.click("li.module a.button.primary").await;
    // The lesson's heading takes focus (scrolling to it): click nothing before it has.
    browser.wait_for_focus("lesson-title").await;
    // Saving the place then writes a line above the ask box. The line's room is kept
    // before it is written, so nothing below it moves under a reader's tap.
    browser
        .wait_for_text("#save-status", "Progress saved")
        .await;
    let heights = browser
        .client
        .execute(
            "const s = document.getElementById('save-status');
             const empty = s.cloneNode(false);
             empty.removeAttribute('id');
             s.parentNode.insertBefore(empty, s);
             const h = [empty.getBoundingClientRect().height, s.getBoundingClientRect().height];
             empty.remove();
             return h;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        heights[0], heights[1],
        "the save's status line takes room that was not kept for it (empty, written)"
    );
}

/// A question made of the words of the lesson's first quoted clause: whatever the policy says.
async fn question_from_the_lesson(browser: &Browser) -> String {
    let quote = browser
        .client
        .execute(
            "return document.querySelector('.points blockquote').textContent;",
            vec![],
        )
        .await
        .unwrap();
    let words: Vec<&str> = quote
        .as_str()
        .unwrap()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
        .take(8)
        .collect();
    assert!(words.len() >= 3, "a clause with words: {quote}");
    format!("Can I {}?", words.join(" "))
}

async fn ask_and_answer(width: u32) {
    let server = Server::start();
    let browser = Browser::start_at(width).await;
    open_module(&browser, &server).await;
    let page = format!("module reader with an answer at {width} px");

    // Nothing typed: the field says what to do.
    browser.click("section.ask button[type=submit]").await;
    browser.text_of("#ask-q-error").await;
    assert_eq!(browser.attr("#ask-q", "aria-invalid").await, "true");

    // A situation the lesson's clause decides: a verdict in words and the clause, quoted.
    let question = question_from_the_lesson(&browser).await;
    browser.fill("#ask-q", &question).await;
    browser.press("#ask-q", &Key::Enter).await;
    let answer = browser.wait_for_text("#ask-answer", "Clause ").await;
    assert!(answer.contains("of your policy"), "{answer}");
    let quoted = browser.text_of("#ask-answer blockquote").await;
    assert!(!quoted.trim().is_empty(), "{answer}");
    assert_eq!(browser.attr("#ask-answer", "role").await, "status");
    check_page(&browser, &page).await;

    // A situation the policy does not cover: it says so, and whom to ask.
    browser
        .fill("#ask-q", "Can I juggle flamingos on Neptune?")
        .await;
    browser.press("#ask-q", &Key::Enter).await;
    let answer = browser
        .wait_for_text("#ask-answer", "Your policy doesn't say")
        .await;
    assert!(answer.contains("ask "), "{answer}");
    check_page(&browser, &format!("{page}, not covered")).await;
    browser.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn a_reader_asks_can_i_on_a_phone_and_hears_the_deciding_clause_or_whom_to_ask() {
    ask_and_answer(375).await;
}

#[tokio::test]
async fn a_reader_asks_can_i_on_a_laptop_and_hears_the_deciding_clause_or_whom_to_ask() {
    ask_and_answer(1280).await;
}
