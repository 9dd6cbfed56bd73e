//! The policy itself for staff, in a laptop-sized and a phone-sized Chromium: from a lesson to
//! the whole policy, searched, and the original downloaded byte for byte; then (on the laptop)
//! a quiz failed without the answer key, refused until the missed lessons are reread, and
//! passed. Checked with axe-core.

use fantoccini::key::Key;
use sha2::{Digest, Sha256};

use crate::axe;
use crate::browser::Browser;
use crate::journey::{answer_quiz, reread_the_missed_lessons, LESSON_POSITION};
use crate::server::{workspace, Server, PASSWORD};

const STAFF: &str = "staff@chad-vale-primary.example";

/// Reads the whole policy and checks the downloaded original; then, if `quiz`, goes back to
/// the lessons and fails, rereads and passes the quiz.
async fn reads_the_full_policy_and_downloads_the_original(width: u32, quiz: bool) {
    let server = Server::start();
    let browser = Browser::start_at(width).await;
    let c = &browser.client;
    c.goto(&format!("{}/training", server.base)).await.unwrap();
    browser.fill("#email", STAFF).await;
    browser.fill("#password", PASSWORD).await;
    browser.press("#password", &Key::Enter).await;
    browser
        .press("li.module a.button.primary", &Key::Enter)
        .await;
    browser.wait_for_text("h1#lesson-title", "").await;

    // From the lesson to the whole policy.
    browser.press("p.full-policy a", &Key::Enter).await;
    browser.wait_for_text("#policy-found", " clauses").await;
    let clauses = browser
        .client
        .find_all(fantoccini::Locator::Css("li.clause"))
        .await
        .unwrap()
        .len();
    assert!(clauses > 10, "{clauses} clauses shown");
    let numbered = browser.text_of("li.clause .clause-number").await;
    assert!(!numbered.is_empty());
    axe::assert_accessible(&browser, &format!("full policy at {width} px")).await;
    browser.assert_fits_width("full policy").await;

    // Searching narrows the clauses to those with the words, and says how many.
    browser.fill("#policy-search", "social media").await;
    let found = browser.wait_for_text("#policy-found", "contain").await;
    let shown = browser
        .client
        .find_all(fantoccini::Locator::Css("li.clause"))
        .await
        .unwrap();
    assert!(!shown.is_empty() && shown.len() < clauses, "{found}");
    assert!(
        found.starts_with(&format!("{} of {clauses}", shown.len())),
        "{found}"
    );
    // Each found clause has both words, in its text or in its section's heading.
    for clause in shown {
        let heading = clause
            .find(fantoccini::Locator::XPath("ancestor::section[1]/h2"))
            .await
            .unwrap();
        let text = format!(
            "{} {}",
            heading.text().await.unwrap(),
            clause.text().await.unwrap()
        )
        .to_lowercase();
        assert!(text.contains("social") && text.contains("media"), "{text}");
    }

    // The original, fetched as the browser's download link would: the very bytes of the file.
    let href = browser.attr("#download-original", "href").await;
    assert!(href.contains("/api/versions/"), "{href}");
    let digest = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then(r => r.arrayBuffer())
               .then(b => crypto.subtle.digest('SHA-256', b))
               .then(h => done(Array.from(new Uint8Array(h)).map(x => x.toString(16).padStart(2, '0')).join('')))
               .catch(e => done('failed: ' + e));",
            vec![serde_json::json!(href)],
        )
        .await
        .unwrap();
    let sample = std::fs::read(workspace().join("content/policies/chad-vale-primary.txt")).unwrap();
    assert_eq!(digest, hex::encode(Sha256::digest(&sample)));
    if quiz {
        fails_rereads_and_passes(&browser, &server).await;
    }
    c.clone().close().await.unwrap();
}

/// From the whole policy back to the lessons: reads them all, fails the quiz, is refused a
/// retake until the lessons it names are reread, rereads them and passes.
async fn fails_rereads_and_passes(browser: &Browser, server: &Server) {
    browser
        .press("article.policy-text a[href^='/modules/']", &Key::Enter)
        .await;
    let position = browser.wait_for_text(LESSON_POSITION, "Lesson ").await;
    let total: usize = position
        .split(" of ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected lesson position {position:?}"));
    for n in 2..=total {
        browser.press(".pager button.primary", &Key::Enter).await;
        browser
            .wait_for_text(LESSON_POSITION, &format!("Lesson {n} of {total}"))
            .await;
    }
    browser.press(".pager a.button.primary", &Key::Enter).await;

    // Failed: which answers were wrong and which clauses to read again, not the answer key.
    browser.wait_for_text("h1#quiz-title", "Quiz").await;
    let failed = answer_quiz(browser, server, false).await;
    browser
        .wait_for_text("#quiz-verdict", "Not this time")
        .await;
    let result = browser.text_of("div.result").await;
    assert!(result.contains("Read these lessons again"), "{result}");
    assert!(!result.contains("The policy's answer"), "{result}");
    assert!(!result.contains("decides this"), "{result}");
    let clauses = browser.text_of("ul.reread-links li .meta").await;
    assert!(clauses.contains("Clause"), "{clauses}");
    axe::assert_accessible(browser, "failed quiz on a laptop").await;

    // No retake before rereading: the quiz says so and lists the lessons again.
    browser.client.refresh().await.unwrap();
    browser
        .wait_for_text("section .error[role=alert]", "Read again what you missed")
        .await;
    reread_the_missed_lessons(browser, total, None).await;

    // A fresh attempt, passed.
    browser.wait_for_text("h1#quiz-title", "Quiz").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while browser.attr("form.quiz", "data-attempt").await == failed {
        assert!(std::time::Instant::now() < deadline, "no new attempt drawn");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    answer_quiz(browser, server, true).await;
    browser.wait_for_text("#quiz-verdict", "You passed").await;
    axe::assert_accessible(browser, "passed quiz on a laptop").await;
}

#[tokio::test]
async fn a_member_of_staff_reads_the_whole_policy_downloads_the_original_fails_rereads_and_passes_on_a_laptop(
) {
    reads_the_full_policy_and_downloads_the_original(1280, true).await;
}

#[tokio::test]
async fn a_member_of_staff_reads_the_whole_policy_and_downloads_the_original_on_a_phone() {
    reads_the_full_policy_and_downloads_the_original(375, false).await;
}
