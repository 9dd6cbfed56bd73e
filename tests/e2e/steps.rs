//! Steps more than one browser test takes: signing in, choosing from a list, uploading a
//! policy, setting up
//! two-factor sign-in, opening a person's page, pausing their training, recording a paper
//! signature, downloading a file with the browser's own session and reading a PDF back.

use attest::auth::totp::code_at;
use chrono::Utc;
use fantoccini::Locator;

use crate::browser::Browser;
use crate::pdf_text::pdf_text;

/// Signs in with a password on the sign-in page.
pub async fn sign_in(browser: &Browser, base: &str, email: &str, password: &str) {
    browser
        .client
        .goto(&format!("{base}/signin"))
        .await
        .unwrap();
    browser.fill("#email", email).await;
    browser.fill("#password", password).await;
    browser.click("button[type=submit]").await;
}

/// Chooses an option of a select by its value, by script (as a person picking from the list).
pub async fn choose(browser: &Browser, css: &str, value: &str) {
    browser
        .client
        .execute(
            "const s = document.querySelector(arguments[0]); s.value = arguments[1]; \
             s.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::json!(css), serde_json::json!(value)],
        )
        .await
        .unwrap();
}

/// Uploads a policy file with the policies page's form, as chosen in its "This file is" list.
pub async fn upload_policy(browser: &Browser, file: &std::path::Path) {
    browser
        .client
        .find(Locator::Css("#policy-file"))
        .await
        .unwrap()
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    browser.click("form.panel button[type=submit]").await;
}

/// Chooses the option of a select whose text is `label`, as a person picking from the list.
pub async fn choose_named(browser: &Browser, css: &str, label: &str) {
    browser
        .client
        .execute(
            "const s = document.querySelector(arguments[0]); \
             const o = [...s.options].find(o => o.text === arguments[1]); \
             s.value = o.value; s.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::json!(css), serde_json::json!(label)],
        )
        .await
        .unwrap();
}

/// Clicks the first element that the XPath finds (for a link or row named by its text).
pub async fn click_xpath(browser: &Browser, xpath: &str) {
    browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("nothing matches {xpath}: {e}"))
        .click()
        .await
        .unwrap();
}

/// On the two-factor page: starts, confirms with the app's code, and acknowledges the recovery
/// codes; returns the key (and the moment of the code used, which is not taken twice).
pub async fn enrol_two_factor(browser: &Browser) -> (String, chrono::DateTime<Utc>) {
    browser
        .wait_for_text("h1#two-factor-title", "Two-factor sign-in")
        .await;
    browser.click("#start-two-factor").await;
    let secret = browser.text_of("#two-factor-secret").await;
    let confirmed_at = Utc::now();
    browser
        .fill("#code", &code_at(&secret, confirmed_at).unwrap())
        .await;
    browser.click("form button[type=submit]").await;
    let codes = browser.text_of("#recovery-codes").await;
    assert_eq!(codes.lines().count(), 10, "{codes}");
    browser.click("#codes-saved").await;
    browser.wait_for_text("#two-factor-on", "is on").await;
    (secret, confirmed_at)
}

/// Today and `days` from now as the browser's date fields take them (YYYY-MM-DD).
pub async fn day(browser: &Browser, days: u32) -> String {
    let script =
        format!("return new Date(Date.now() + {days} * 864e5).toISOString().slice(0, 10);");
    let day = browser.client.execute(&script, vec![]).await.unwrap();
    day.as_str().unwrap().to_string()
}

/// Opens a disclosure (`<details>`) by its summary, unless it is open already.
pub async fn open(browser: &Browser, details: &str) {
    let open = browser
        .client
        .execute(
            "return document.querySelector(arguments[0]).open;",
            vec![serde_json::json!(details)],
        )
        .await
        .unwrap();
    if open != true {
        browser.click(&format!("{details} summary")).await;
    }
}

/// On a person's page: pauses their training from today for 60 days, for `reason`.
pub async fn pause_training(browser: &Browser, reason: &str) {
    let (today, until) = (day(browser, 0).await, day(browser, 60).await);
    open(browser, "details.pause").await;
    browser
        .set_value("details.pause input[type=date]", &today)
        .await;
    browser
        .set_value("details.pause input[id^='pause-until']", &until)
        .await;
    browser.fill("details.pause input[type=text]", reason).await;
    browser.click("details.pause button[type=submit]").await;
    browser.wait_for_text("div.pause p", reason).await;
    browser.wait_for_text("table", "Paused").await;
}

/// On a person's page: records that they signed on paper today, before `witness`.
pub async fn record_paper_signature(browser: &Browser, witness: &str) {
    let today = day(browser, 0).await;
    open(browser, "details.paper").await;
    browser
        .set_value("details.paper input[type=date]", &today)
        .await;
    browser
        .fill("details.paper input[type=text]", witness)
        .await;
    browser.click("details.paper button[type=submit]").await;
    browser
        .wait_for_text(
            "table.person-attestations",
            &format!("on paper, witnessed by {witness}"),
        )
        .await;
}

/// Downloads `href` with the browser's own session (its cookies): the status and the bytes.
pub async fn download(browser: &Browser, href: &str) -> (u16, Vec<u8>) {
    let got = browser
        .client
        .execute_async(
            "const [url, done] = arguments; fetch(url).then(r => r.arrayBuffer().then(b => \
             done([r.status, Array.from(new Uint8Array(b), x => x.toString(16).padStart(2, '0')).join('')])));",
            vec![serde_json::json!(href)],
        )
        .await
        .unwrap();
    let status = got[0].as_u64().unwrap() as u16;
    (status, hex::decode(got[1].as_str().unwrap()).unwrap())
}

/// A PDF downloaded by the browser, read back as its words in order (table cells wrap).
pub async fn pdf_words(browser: &Browser, href: &str) -> String {
    let (status, pdf) = download(browser, href).await;
    assert_eq!(status, 200, "{href}");
    let text = pdf_text(&pdf);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Opens a person's page from the completion matrix of the school whose dashboard is `school`.
pub async fn open_person(manager: &Browser, school: &str, name: &str) {
    manager.client.goto(school).await.unwrap();
    manager.click("a.button.primary[href$='/matrix']").await;
    click_xpath(
        manager,
        &format!("//a[starts-with(@href, '/manage/people/')][contains(., \"{name}\")]"),
    )
    .await;
    manager.wait_for_text("h1#person-title", name).await;
}
