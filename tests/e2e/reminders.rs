//! A reminder mail's sign-in link, followed in a real browser, opens the module.

use std::time::Duration;

use fantoccini::Locator;

use crate::browser::Browser;
use crate::server::Server;
use crate::smtp::SmtpCapture;

#[tokio::test]
async fn a_sign_in_link_from_a_reminder_mail_opens_the_module() {
    let capture = SmtpCapture::start();
    // The scheduler sweeps as the server starts: everyone seeded is a new starter.
    let server = Server::start_mailing_to(&capture, &["--remind-interval", "24h"]);
    let staff = "staff@st-annes-primary.example";
    let mail = capture.wait_for_mail_to(staff);
    let link = mail.link();
    assert!(
        link.starts_with(&format!("{}/link/", server.base)),
        "{link}"
    );

    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&link).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("h1#lesson-title"))
        .await
        .unwrap();
    let url = c.current_url().await.unwrap();
    assert!(url.path().starts_with("/modules/"), "landed on {url}");

    // The link is used up: opening it again says so.
    c.goto(&link).await.unwrap();
    let error = browser.text_of("#link-error").await;
    assert!(error.contains("already been used"), "{error}");
    c.clone().close().await.unwrap();
}
