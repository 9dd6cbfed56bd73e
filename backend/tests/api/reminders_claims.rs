//! Two senders on one outbox with a slow mail server: each reminder is mailed once.

use std::time::Duration;

use attest::clock::Clock;
use attest::on_db;
use attest::reminders::outbox::{write_new, NewReminder};
use attest::reminders::sender::send_due;
use attest::reminders::Stage;
use chrono::Utc;

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::remind::{day, person_id, school_id, Mail, SCHOOL, STAFF};
use crate::smtp::SmtpCapture;

/// Reminders queued.
const ROWS: usize = 12;

async fn pending(app: &TestApp) -> i64 {
    let (n,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM reminders WHERE status = 'pending'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    n
}

/// A sender instance: sends what is due, again and again, until nothing is left (as
/// each server's scheduler would), or gives up after a minute.
async fn instance(app: &TestApp, mail: &Mail, name: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while pending(app).await > 0 && tokio::time::Instant::now() < deadline {
        send_due(&app.db, &mail.mailer, &mail.settings, &Clock::System, name)
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn two_senders_mail_each_reminder_once_however_slow_the_server(app: TestApp) {
    // Arrange: a dozen reminders due now, a server that takes 0.4 s over each message,
    // and a claim that lasts 3 s: claiming them all at once would outlast it.
    let now = Utc::now();
    let school = school_id(&app.db, SCHOOL).await;
    let person = person_id(&app.db, STAFF).await;
    let rows: Vec<NewReminder> = (0..ROWS)
        .map(|i| NewReminder {
            school_id: Some(school.clone()),
            person_id: person.clone(),
            version_id: format!("version-{i}"),
            stage: Stage::Due7,
            occasion: "2026-09-15".into(),
            due_on: Some(day("2026-09-15")),
            details: String::new(),
            send_after: now,
            items: Vec::new(),
        })
        .collect();
    let written = write_new(&app.db, rows, now, false, None).await.unwrap();
    assert_eq!(written.len(), ROWS);
    let mut mail = Mail::to(SmtpCapture::start_slow(Duration::from_millis(400)), &app);
    mail.settings.claim_lease = chrono::Duration::seconds(3);

    // Act: two instances send at once.
    tokio::join!(instance(&app, &mail, "one"), instance(&app, &mail, "two"));

    // Assert: every reminder went, once.
    assert_eq!(pending(&app).await, 0);
    let mails = mail.capture.mails();
    let mut links: Vec<String> = mails.iter().map(|m| m.link()).collect();
    links.sort();
    links.dedup();
    assert_eq!(
        (mails.len(), links.len()),
        (ROWS, ROWS),
        "each reminder is mailed once, with one link"
    );
}

on_both_databases!(two_senders_mail_each_reminder_once_however_slow_the_server);
