//! The lessons keep what the policy says (issue 24): read through every lesson of the Chad
//! Vale sample in the browser, the school's name keeps its capitals, a condition stays with
//! its duty, someone else's "they" is not turned into "you", and the parts on monitoring and
//! on breaches are taught too; each lesson page is axe-clean at a phone's and a laptop's width.

use fantoccini::key::Key;

use crate::axe::check_page;
use crate::browser::Browser;
use crate::journey::LESSON_POSITION;
use crate::server::{Server, PASSWORD};

async fn the_lessons_keep_the_policys_words_at(width: u32) {
    let server = Server::start();
    let browser = Browser::start_at(width).await;
    browser
        .client
        .goto(&format!("{}/training", server.base))
        .await
        .unwrap();
    browser
        .fill("#email", "staff@chad-vale-primary.example")
        .await;
    browser.fill("#password", PASSWORD).await;
    browser.press("#password", &Key::Enter).await;
    browser
        .press("li.module a.button.primary", &Key::Enter)
        .await;
    let position = browser.wait_for_text(LESSON_POSITION, "Lesson ").await;
    let total: usize = position
        .split(" of ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected lesson position {position:?}"));
    let mut taught = browser.text_of("article.reader").await;
    check_page(&browser, &format!("lesson 1 at {width} px")).await;
    for n in 2..=total {
        browser.press(".pager button.primary", &Key::Enter).await;
        browser
            .wait_for_text(LESSON_POSITION, &format!("Lesson {n} of {total}"))
            .await;
        taught.push('\n');
        taught.push_str(&browser.text_of("article.reader").await);
        check_page(&browser, &format!("lesson {n} at {width} px")).await;
    }
    assert!(taught.contains("Chad Vale Primary School"), "{taught}");
    assert!(
        !taught.contains("chad vale"),
        "the name lowercased: {taught}"
    );
    assert!(
        taught.contains("such requests"),
        "the condition dropped: {taught}"
    );
    assert!(
        !taught.contains("where you may have younger siblings"),
        "the ex-pupils' siblings made the reader's: {taught}"
    );
    assert!(
        taught.contains("monitors usage"),
        "monitoring not taught: {taught}"
    );
    assert!(
        taught.contains("disciplinary action"),
        "breaches not taught: {taught}"
    );
    browser.client.clone().close().await.unwrap();
}

#[tokio::test]
async fn the_lessons_keep_the_policys_words_conditions_and_parts_on_a_phone() {
    the_lessons_keep_the_policys_words_at(375).await;
}

#[tokio::test]
async fn the_lessons_keep_the_policys_words_conditions_and_parts_on_a_laptop() {
    the_lessons_keep_the_policys_words_at(1280).await;
}
