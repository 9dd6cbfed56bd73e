//! The whole staff journey in a phone-sized headless Chromium: sign in, read, fail the
//! quiz once, pass, attest, see "Attested", check the receipt's code publicly, with
//! reloads, an expired session and the network going down along the way. Every page
//! visited is checked with axe-core.

use fantoccini::key::Key;

use crate::axe;
use crate::browser::Browser;
use crate::server::{Server, PASSWORD};
use crate::store::{right_answers, wait_for_saved_lesson};

const STAFF: &str = "staff@chad-vale-primary.example";
pub const LESSON_POSITION: &str = ".reader > p.meta:nth-of-type(2)";

/// Checks the page as it is now: accessible (axe-core) and no wider than the phone.
async fn check_page(browser: &Browser, page: &str) {
    axe::assert_accessible(browser, page).await;
    browser.assert_fits_width(page).await;
}

/// Fills in the sign-in form and submits it with the Enter key.
async fn sign_in(browser: &Browser) {
    browser.fill("#email", STAFF).await;
    browser.fill("#password", PASSWORD).await;
    browser.press("#password", &Key::Enter).await;
}

/// Answers the quiz on the page, by keyboard: every answer right, or every answer wrong.
/// Returns the attempt's id.
pub async fn answer_quiz(browser: &Browser, server: &Server, right: bool) -> String {
    let attempt_id = browser.attr("form.quiz", "data-attempt").await;
    for (i, (answer, options)) in right_answers(server.data_dir(), &attempt_id)
        .await
        .into_iter()
        .enumerate()
    {
        let choice = if right {
            answer
        } else {
            (answer + 1) % options
        };
        browser.press(&format!("#q{}-{choice}", i + 1), " ").await;
    }
    browser
        .press("form.quiz button[type=submit]", &Key::Enter)
        .await;
    attempt_id
}

/// Opens each lesson the failed quiz names to read again, from its link, until every one is
/// marked read again, then follows "Try the quiz again". Checks the first lesson's page with
/// axe if `check` names it.
pub async fn reread_the_missed_lessons(browser: &Browser, total: usize, check: Option<&str>) {
    let lessons = browser
        .client
        .find_all(fantoccini::Locator::Css("ul.reread-links li a"))
        .await
        .unwrap()
        .len();
    assert!(lessons > 0, "no lessons to reread");
    for n in 1..=lessons {
        let link = format!("ul.reread-links li:nth-child({n}) a");
        let name = browser.text_of(&link).await;
        browser.press(&link, &Key::Enter).await;
        let position = name
            .trim_start_matches("Lesson ")
            .split(':')
            .next()
            .unwrap()
            .to_string();
        browser
            .wait_for_text(LESSON_POSITION, &format!("Lesson {position} of {total}"))
            .await;
        browser
            .wait_for_text(
                &format!("ul.reread-links li:nth-child({n}) .tag"),
                "Read again",
            )
            .await;
        if let (1, Some(page)) = (n, check) {
            check_page(browser, page).await;
        }
    }
    browser.press(".reread a.button.primary", &Key::Enter).await;
}

#[tokio::test]
async fn a_member_of_staff_reads_fails_passes_attests_and_the_code_verifies() {
    let mut server = Server::start();
    let browser = Browser::start().await;
    let c = &browser.client;
    let data = server.data_dir().to_path_buf();

    // Sign in: signed out, My training sends the person to sign in first.
    c.goto(&format!("{}/training", server.base)).await.unwrap();
    let width = c
        .execute("return window.innerWidth;", vec![])
        .await
        .unwrap();
    assert_eq!(width, 375, "a phone-sized window");
    assert_eq!(browser.text_of("h1#signin-title").await, "Sign in");
    check_page(&browser, "sign-in").await;
    sign_in(&browser).await;

    // My training lists the module, not started.
    assert_eq!(browser.text_of("h1#training-title").await, "My training");
    browser
        .wait_for_text("li.module .badge", "Not started")
        .await;
    check_page(&browser, "My training").await;
    browser
        .press("li.module a.button.primary", &Key::Enter)
        .await;

    // The reader: lesson 1 of N.
    let position = browser.wait_for_text(LESSON_POSITION, "Lesson 1 of ").await;
    let total: usize = position
        .trim_start_matches("Lesson 1 of ")
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected lesson position {position:?}"));
    assert!(total >= 2, "{position}");
    check_page(&browser, "module reader").await;
    let module_path = c.current_url().await.unwrap().path().to_string();

    browser.press(".pager button.primary", &Key::Enter).await;
    browser
        .wait_for_text(LESSON_POSITION, &format!("Lesson 2 of {total}"))
        .await;
    wait_for_saved_lesson(&data, STAFF, 1).await;

    // A reload resumes at the saved lesson.
    c.refresh().await.unwrap();
    browser
        .wait_for_text(LESSON_POSITION, &format!("Lesson 2 of {total}"))
        .await;

    // The session expires (the cookie is gone): sign in again and come back to the same place.
    c.delete_all_cookies().await.unwrap();
    c.refresh().await.unwrap();
    assert_eq!(browser.text_of("h1#signin-title").await, "Sign in");
    sign_in(&browser).await;
    browser.wait_for_path(&module_path).await;
    browser
        .wait_for_text(LESSON_POSITION, &format!("Lesson 2 of {total}"))
        .await;

    // Read every lesson with Next.
    for n in 3..=total {
        browser.press(".pager button.primary", &Key::Enter).await;
        browser
            .wait_for_text(LESSON_POSITION, &format!("Lesson {n} of {total}"))
            .await;
    }
    browser.press(".pager a.button.primary", &Key::Enter).await;

    // The quiz, failed on purpose.
    browser.wait_for_text("h1#quiz-title", "Quiz").await;
    browser.attr("form.quiz", "data-attempt").await;
    check_page(&browser, "quiz").await;
    let failed = answer_quiz(&browser, &server, false).await;
    browser
        .wait_for_text("#quiz-verdict", "Not this time")
        .await;
    let graded = browser.text_of("ol.graded li.graded-item.wrong").await;
    assert!(graded.contains("Wrong."), "{graded}");
    assert!(graded.contains("Policy clause"), "{graded}");
    // No answer key: neither the right options nor the explanations are on the page.
    let result = browser.text_of("div.result").await;
    assert!(!result.contains("The policy's answer"), "{result}");
    assert!(!result.contains("decides this"), "{result}");
    assert!(browser
        .client
        .find(fantoccini::Locator::Css("form.attest"))
        .await
        .is_err());
    check_page(&browser, "failed quiz result").await;

    // No retake yet: reloading the quiz says to read the missed lessons first, and lists them.
    c.refresh().await.unwrap();
    browser
        .wait_for_text("section .error[role=alert]", "Read again what you missed")
        .await;
    check_page(&browser, "quiz refused until the lessons are reread").await;

    // The lessons to read again, each a link; the quiz comes back once all are reread.
    reread_the_missed_lessons(&browser, total, Some("lesson to reread")).await;

    // A retake draws a new attempt; this time every answer is right.
    browser.wait_for_text("h1#quiz-title", "Quiz").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while browser.attr("form.quiz", "data-attempt").await == failed {
        assert!(std::time::Instant::now() < deadline, "no new attempt drawn");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    answer_quiz(&browser, &server, true).await;
    browser.wait_for_text("#quiz-verdict", "You passed").await;
    let statement = browser.text_of("form.attest blockquote.statement").await;
    assert!(statement.contains("Alex Taylor"), "{statement}");
    check_page(&browser, "passed quiz and attestation form").await;

    // A reload keeps the pass: it is offered for signing without a retake.
    c.refresh().await.unwrap();
    browser
        .wait_for_text("#quiz-verdict", "You have passed")
        .await;
    browser.text_of("form.attest blockquote.statement").await;

    // Sign: tick the box with the space bar, submit with Enter.
    browser.press("#confirm", " ").await;
    browser
        .press("form.attest button[type=submit]", &Key::Enter)
        .await;
    let code = browser.text_of("#receipt-code").await;
    assert_eq!(code.len(), 9, "{code}");
    let expires = browser.text_of("#receipt-expires").await;
    check_page(&browser, "receipt").await;
    let receipt_path = c.current_url().await.unwrap().path().to_string();
    assert!(receipt_path.starts_with("/receipts/"), "{receipt_path}");
    c.refresh().await.unwrap();
    assert_eq!(browser.text_of("#receipt-code").await, code);

    // My training: attested, valid until the receipt's expiry, also after a reload.
    browser.click(".banner nav a").await;
    browser.wait_for_text("li.module .badge", "Attested").await;
    let due = browser.text_of("li.module .due").await;
    assert_eq!(due, format!("Valid until {expires}"));
    c.refresh().await.unwrap();
    browser.wait_for_text("li.module .badge", "Attested").await;
    check_page(&browser, "My training, attested").await;

    // The public check shows the name.
    c.goto(&format!("{}/verify/{code}", server.base))
        .await
        .unwrap();
    browser.wait_for_text("#verify-name", "Alex Taylor").await;
    check_page(&browser, "verify").await;
    c.goto(&format!("{}/verify/ZZZZ-ZZZZ", server.base))
        .await
        .unwrap();
    browser
        .wait_for_text("#verify-result", "No attestation has the code ZZZZ-ZZZZ")
        .await;

    // The network goes down: the app says so plainly instead of failing silently.
    c.goto(&format!("{}/training", server.base)).await.unwrap();
    browser.wait_for_text("li.module .badge", "Attested").await;
    server.stop();
    browser.click("li.module a.button.primary").await;
    browser
        .wait_for_text("main [role=alert]", "couldn't reach Attest")
        .await;
    check_page(&browser, "offline message").await;
    c.clone().close().await.unwrap();
}
