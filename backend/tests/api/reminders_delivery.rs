//! Delivering reminders: SMTP outages and retries, .eml files, two senders on one database.

use std::collections::HashSet;

use attest::on_db;
use attest::reminders::outbox::MAX_TRIES;
use attest::reminders::sender::{send_due, Mailer};
use attest::reminders::sweep::sweep;
use chrono::Duration;

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::remind::{add_person, day, sweep_and_send, Mail, SCHOOL};
use crate::smtp::SmtpCapture;

async fn statuses(app: &TestApp) -> Vec<(String, i64)> {
    on_db!(app.db, |e| sqlx::query_as(
        "SELECT status, tries FROM reminders ORDER BY id"
    )
    .fetch_all(e)
    .await)
    .unwrap()
}

async fn an_smtp_outage_is_retried_with_backoff_then_delivered(app: TestApp) {
    let mut mail = Mail::to(SmtpCapture::stopped(), &app);
    let (_, down) = sweep_and_send(&app, &mail).await;
    assert_eq!((down.sent, down.retrying), (0, 10));
    assert!(statuses(&app)
        .await
        .iter()
        .all(|s| *s == ("pending".into(), 1)));

    app.clock.advance(Duration::seconds(30));
    let waiting = mail.send(&app.db, &app.clock).await;
    assert_eq!(waiting.retrying, 0, "the first retry waits a minute");

    app.clock.advance(Duration::seconds(31));
    assert_eq!(mail.send(&app.db, &app.clock).await.retrying, 10);

    mail.capture.resume();
    app.clock.advance(Duration::minutes(2));
    let back = mail.send(&app.db, &app.clock).await;
    assert_eq!(back.sent, 10);
    let mails = mail.capture.mails();
    let recipients: HashSet<String> = mails.iter().map(|m| m.to[0].clone()).collect();
    assert_eq!(
        (mails.len(), recipients.len()),
        (10, 10),
        "each delivered once"
    );
    assert!(statuses(&app)
        .await
        .iter()
        .all(|s| *s == ("sent".into(), 3)));
}
on_both_databases!(an_smtp_outage_is_retried_with_backoff_then_delivered);

async fn the_last_failed_try_marks_a_reminder_failed(app: TestApp) {
    let mut mail = Mail::to(SmtpCapture::stopped(), &app);
    sweep(&app.db, app.clock.now(), 14, false).await.unwrap();
    let mut failed = 0;
    for _ in 0..MAX_TRIES {
        failed += mail.send(&app.db, &app.clock).await.failed;
        app.clock.advance(Duration::hours(1));
    }
    assert_eq!(failed, 10);
    let rows: Vec<(String, Option<String>)> = on_db!(app.db, |e| sqlx::query_as(
        "SELECT status, last_error FROM reminders"
    )
    .fetch_all(e)
    .await)
    .unwrap();
    assert!(rows
        .iter()
        .all(|(s, e)| s == "failed" && e.as_deref().is_some_and(|e| !e.is_empty())));

    mail.capture.resume();
    assert_eq!(
        mail.send(&app.db, &app.clock).await.sent,
        0,
        "failed reminders stay failed"
    );
    assert!(mail.capture.mails().is_empty());
}
on_both_databases!(the_last_failed_try_marks_a_reminder_failed);

async fn without_smtp_mail_is_written_as_eml_files(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("outbox-mail");
    let mail = Mail {
        mailer: Mailer::Files(folder.clone()),
        ..Mail::to(SmtpCapture::stopped(), &app)
    };
    assert!(mail.mailer.describe().contains("outbox-mail"));
    let (_, sent) = sweep_and_send(&app, &mail).await;
    assert_eq!(sent.sent, 10);
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 10);
    for file in files {
        assert_eq!(file.extension().unwrap(), "eml");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("multipart/alternative"), "{text}");
        assert!(text.contains("Subject: "), "{text}");
    }
}
on_both_databases!(without_smtp_mail_is_written_as_eml_files);

async fn two_servers_sweeping_and_sending_at_once_send_each_reminder_once(app: TestApp) {
    for i in 0..150 {
        let email = format!("extra{i}@x.example");
        add_person(
            &app.db,
            SCHOOL,
            &email,
            "staff",
            "teaching",
            day("2026-08-20"),
        )
        .await;
    }
    // Two servers: two connection pools on the one database, the same moment on both clocks.
    let (a, b) = (
        attest::db::Db::connect(&app.db_url).await.unwrap(),
        attest::db::Db::connect(&app.db_url).await.unwrap(),
    );
    let now = app.clock.now();
    let (swept_a, swept_b) = tokio::join!(sweep(&a, now, 14, false), sweep(&b, now, 14, false));
    let (swept_a, swept_b) = (swept_a.unwrap(), swept_b.unwrap());
    assert_eq!(swept_a.due, 160);
    assert_eq!(
        swept_a.written.len() + swept_b.written.len(),
        160,
        "each reminder written once"
    );

    let mail = Mail::start(&app);
    let (sent_a, sent_b) = tokio::join!(
        send_due(&a, &mail.mailer, &mail.settings, &app.clock, "server-a"),
        send_due(&b, &mail.mailer, &mail.settings, &app.clock, "server-b"),
    );
    let (sent_a, sent_b) = (sent_a.unwrap(), sent_b.unwrap());
    assert_eq!(sent_a.sent + sent_b.sent, 160);
    let mails = mail.capture.mails();
    let recipients: HashSet<String> = mails.iter().map(|m| m.to[0].clone()).collect();
    assert_eq!(
        (mails.len(), recipients.len()),
        (160, 160),
        "no reminder sent twice"
    );
}
on_both_databases!(two_servers_sweeping_and_sending_at_once_send_each_reminder_once);
