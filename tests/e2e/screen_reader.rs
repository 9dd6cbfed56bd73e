//! Issue 24 for keyboard and screen-reader users: each route has its own title and, after a
//! route change, focus on its heading; a form's problems are summarised at its top, linked
//! to their fields, marked invalid, with focus taken there; quiz options and targets fit a
//! phone and the focus ring stands out; dates are written as people write them.

use fantoccini::key::Key;
use serde_json::json;

use crate::axe::check_page;
use crate::browser::Browser;
use crate::journey::reread_the_missed_lessons;
use crate::server::{Server, PASSWORD};
use crate::store::right_answers;

const STAFF: &str = "staff@chad-vale-primary.example";
const LESSON_POSITION: &str = ".reader > p.meta:nth-of-type(2)";

/// Runs a script in the page and returns its value.
async fn eval(browser: &Browser, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
    browser.client.execute(script, args).await.unwrap()
}

/// Waits (up to 20 s) until the document's title is `wanted`.
async fn wait_for_title(browser: &Browser, wanted: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut last = String::new();
    while std::time::Instant::now() < deadline {
        last = browser.client.title().await.unwrap();
        if last == wanted {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the title never became {wanted:?}; it is {last:?}");
}

/// The contrast ratio of two CSS `rgb(…)` colours (WCAG's formula).
fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |css: &str| {
        let channels: Vec<f64> = css
            .trim_start_matches("rgba(")
            .trim_start_matches("rgb(")
            .trim_end_matches(')')
            .split(',')
            .take(3)
            .map(|c| c.trim().parse::<f64>().unwrap() / 255.0)
            .map(|c| {
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            })
            .collect();
        0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// True if the text holds a date written as `2026-09-01`.
fn has_iso_date(text: &str) -> bool {
    let digit = |b: &u8| b.is_ascii_digit();
    text.as_bytes().windows(10).any(|w| {
        w[..4].iter().all(digit)
            && w[4] == b'-'
            && w[5..7].iter().all(digit)
            && w[7] == b'-'
            && w[8..].iter().all(digit)
    })
}

/// Answers every question of the quiz on the page by keyboard, right or wrong, leaving out
/// the question numbers (1-based) in `skip`; submits; returns the attempt's id.
async fn answer(browser: &Browser, server: &Server, right: bool, skip: &[usize]) -> String {
    let attempt_id = browser.attr("form.quiz", "data-attempt").await;
    let answers = right_answers(server.data_dir(), &attempt_id).await;
    for (i, (answer, options)) in answers.into_iter().enumerate() {
        if skip.contains(&(i + 1)) {
            continue;
        }
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

async fn the_staff_journey_at(width: u32) {
    let server = Server::start();
    let browser = Browser::start_at(width).await;
    let c = &browser.client;

    // Sign in, first with nothing typed: a summary at the top names and links each field.
    c.goto(&format!("{}/signin", server.base)).await.unwrap();
    wait_for_title(&browser, "Sign in – Attest").await;
    browser.text_of("h1#signin-title").await;
    browser.click("button[type=submit]").await;
    let summary = browser
        .wait_for_text("#error-summary", "There is a problem")
        .await;
    assert!(
        summary.contains("Enter your email address") && summary.contains("Enter your password"),
        "{summary}"
    );
    browser.wait_for_focus("error-summary").await;
    assert_eq!(browser.attr("#email", "aria-invalid").await, "true");
    assert_eq!(
        browser.attr("#email", "aria-describedby").await,
        "email-error"
    );
    check_page(&browser, "sign-in with problems").await;
    browser.click("#error-summary a[href='#password']").await;
    browser.wait_for_focus("password").await;

    // Signed in: My training is titled and its heading has focus.
    browser.fill("#email", STAFF).await;
    browser.fill("#password", PASSWORD).await;
    browser.press("#password", &Key::Enter).await;
    browser.wait_for_focus("training-title").await;
    wait_for_title(&browser, "My training – Attest").await;
    let due = browser.text_of("li.module .due").await;
    assert!(!due.contains('-'), "a date as people write it: {due}");
    // Loading is said through a status region that stays in the page, emptied once loaded.
    let region = browser
        .client
        .find(fantoccini::Locator::Css("main #page-status[role=status]"))
        .await
        .expect("the page's status region");
    assert_eq!(region.text().await.unwrap(), "");

    // The reader says when the place is saved, in a region that was there before.
    browser.click("li.module a.button.primary").await;
    // A module is titled with its policy's name.
    let meta = browser.wait_for_text(".reader > p.meta", " · ").await;
    let policy = meta.split(" · ").next().unwrap().to_string();
    wait_for_title(&browser, &format!("{policy} – Attest")).await;
    browser
        .wait_for_text("#save-status", "Progress saved")
        .await;
    let position = browser.wait_for_text(LESSON_POSITION, "Lesson 1 of ").await;
    let total: usize = position
        .trim_start_matches("Lesson 1 of ")
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap();
    for n in 2..=total {
        browser.press(".pager button.primary", &Key::Enter).await;
        browser
            .wait_for_text(LESSON_POSITION, &format!("Lesson {n} of {total}"))
            .await;
        browser
            .wait_for_text("#save-status", &format!("lesson {n} of {total}"))
            .await;
    }

    // The last lesson → the quiz: titled, its heading focused.
    browser.press(".pager a.button.primary", &Key::Enter).await;
    browser.wait_for_focus("quiz-title").await;
    wait_for_title(&browser, &format!("Quiz: {policy} – Attest")).await;
    // The heading comes with the module; the questions once the attempt is drawn.
    browser.attr("form.quiz", "data-attempt").await;

    // Each question's heading (its legend) sits inside its card, above the first option.
    let inside = eval(
        &browser,
        "const f = document.querySelector('fieldset.question'), l = f.querySelector('legend'); \
         const [fb, lb] = [f.getBoundingClientRect(), l.getBoundingClientRect()]; \
         const first = f.querySelector('input').getBoundingClientRect(); \
         return [lb.top >= fb.top + parseFloat(getComputedStyle(f).borderTopWidth), first.top >= lb.bottom];",
        vec![],
    )
    .await;
    assert_eq!(
        inside,
        json!([true, true]),
        "the legend sits on the border or over an option"
    );

    // Radio buttons are targets of at least 24 px, and the focus ring stands out (3:1) on the
    // page's background and on a card's.
    let size = eval(
        &browser,
        "const r = document.querySelector('#q1-0').getBoundingClientRect(); return [r.width, r.height];",
        vec![],
    )
    .await;
    assert!(
        size[0].as_f64().unwrap() >= 24.0 && size[1].as_f64().unwrap() >= 24.0,
        "{size}"
    );
    browser.press("#q1-0", " ").await;
    let ring = eval(
        &browser,
        "const s = getComputedStyle(document.activeElement); \
         return [s.outlineStyle, s.outlineColor, getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.querySelector('.card')).backgroundColor];",
        vec![],
    )
    .await;
    assert_eq!(ring[0], "solid", "{ring}");
    for background in [&ring[2], &ring[3]] {
        let ratio = contrast(ring[1].as_str().unwrap(), background.as_str().unwrap());
        assert!(
            ratio >= 3.0,
            "focus ring {} on {background}: {ratio:.2}:1",
            ring[1]
        );
    }

    // An option holding a long unbreakable word wraps at 320 px: no sideways scroll, nothing cut.
    eval(
        &browser,
        "document.querySelector(\"label[for='q1-0']\").append(' ' + 'Unbreakable'.repeat(12));",
        vec![],
    )
    .await;
    browser.assert_fits_width("quiz with a long word").await;
    let cut = eval(
        &browser,
        "const l = document.querySelector(\"label[for='q1-0']\"); \
         return [l.scrollWidth > l.clientWidth, getComputedStyle(l).textOverflow];",
        vec![],
    )
    .await;
    assert_eq!(cut, json!([false, "clip"]), "the option is cut: {cut}");

    // Question 2 left out: the summary names and links it, it is invalid, and has focus.
    answer(&browser, &server, true, &[2]).await;
    let summary = browser
        .wait_for_text("#error-summary", "Answer question 2")
        .await;
    assert!(!summary.contains("question 1"), "{summary}");
    assert_eq!(
        browser.attr("#error-summary a", "href").await,
        "#q2-0",
        "links the question"
    );
    assert_eq!(browser.attr("#q2-0", "aria-invalid").await, "true");
    assert_eq!(browser.attr("#q1-0", "aria-invalid").await, "");
    browser.wait_for_focus("q2-0").await;
    check_page(&browser, "quiz with an unanswered question").await;

    // Failed on purpose; after the missed lessons are read again, "Try the quiz again"
    // starts the new attempt at its heading.
    let failed = answer(&browser, &server, false, &[]).await;
    browser
        .wait_for_text("#quiz-verdict", "Not this time")
        .await;
    reread_the_missed_lessons(&browser, total, None).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while browser.attr("form.quiz", "data-attempt").await == failed {
        assert!(std::time::Instant::now() < deadline, "no new attempt drawn");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    browser.wait_for_focus("quiz-title").await;

    // Passed; signing without the box ticked names the box, marks it and focuses it.
    answer(&browser, &server, true, &[]).await;
    browser.wait_for_text("#quiz-verdict", "You passed").await;
    browser
        .press("form.attest button[type=submit]", &Key::Enter)
        .await;
    browser
        .wait_for_text("#error-summary", "Tick the box to confirm the statement")
        .await;
    assert_eq!(browser.attr("#error-summary a", "href").await, "#confirm");
    assert_eq!(browser.attr("#confirm", "aria-invalid").await, "true");
    browser.wait_for_focus("confirm").await;
    check_page(&browser, "attestation form with a problem").await;

    // Signed: the receipt is titled, focused, dated in words; hashes behind a disclosure.
    browser.press("#confirm", " ").await;
    browser
        .press("form.attest button[type=submit]", &Key::Enter)
        .await;
    browser.wait_for_focus("receipt-title").await;
    wait_for_title(&browser, "Attestation receipt – Attest").await;
    let code = browser.text_of("#receipt-code").await;
    let hidden = eval(
        &browser,
        "const d = document.querySelector('details.technical'); \
         return [d.open, d.querySelector('summary').textContent, !d.querySelector('.hash').checkVisibility()];",
        vec![],
    )
    .await;
    assert_eq!(hidden, json!([false, "Technical details", true]));
    let text = browser.text_of("main").await;
    assert!(!has_iso_date(&text), "an ISO date on the receipt: {text}");
    // On the school's clock (the demo's schools are in Europe/London), not in UTC.
    assert!(
        (text.contains(" GMT") || text.contains(" BST")) && !text.contains(" UTC"),
        "{text}"
    );
    check_page(&browser, "receipt").await;

    // /verify is a page to type the code into.
    c.goto(&format!("{}/verify", server.base)).await.unwrap();
    wait_for_title(&browser, "Check an attestation – Attest").await;
    browser.click(".verify-form button[type=submit]").await;
    browser
        .wait_for_text("#error-summary", "Enter the code")
        .await;
    browser.fill("#verify-code", &code.to_lowercase()).await;
    browser.press("#verify-code", &Key::Enter).await;
    browser.wait_for_text("#verify-name", "Alex Taylor").await;
    browser.wait_for_focus("verify-title").await;
    check_page(&browser, "verify, typed").await;

    // A module that does not exist has a page of its own, with a way on.
    c.goto(&format!("{}/modules/no-such-module", server.base))
        .await
        .unwrap();
    browser.wait_for_text("main h1", "Module not found").await;
    browser.text_of("main a[href='/training']").await;
    check_page(&browser, "module not found").await;
    c.clone().close().await.unwrap();
}

#[tokio::test]
async fn each_step_of_the_staff_journey_is_titled_focused_and_says_what_is_wrong_and_where() {
    the_staff_journey_at(375).await;
}

#[tokio::test]
async fn each_step_of_the_staff_journey_reads_well_at_320_px() {
    the_staff_journey_at(320).await;
}
