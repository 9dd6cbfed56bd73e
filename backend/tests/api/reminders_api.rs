//! The managers' reminder API: the log, "remind now", and the holiday calendar.

use attest_domain::api::{Holiday, RemindNowResult, ReminderEntry, ReminderStatus};
use chrono::{Duration, NaiveDate};

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::remind::{person_id, school_id, sweep_and_send, Mail, MANAGER, SCHOOL, STAFF};

async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let client = app.new_client();
    app.sign_in(&client, email).await;
    client
}

async fn the_reminder_log_is_for_the_schools_managers_only(app: TestApp) {
    let mail = Mail::start(&app);
    sweep_and_send(&app, &mail).await;
    let url = app.url(&format!(
        "/api/schools/{}/reminders",
        school_id(&app.db, SCHOOL).await
    ));
    for (email, expected) in [
        (MANAGER, 200),
        ("trust@attest.example", 200),
        ("manager@noble-mind-school.example", 404),
        // Staff manage nothing: 403, as on every manager route.
        (STAFF, 403),
    ] {
        let res = signed_in(&app, email).await.get(&url).send().await.unwrap();
        assert_eq!(res.status(), expected, "{email}");
    }
    assert_eq!(
        app.new_client().get(&url).send().await.unwrap().status(),
        401
    );

    let log: Vec<ReminderEntry> = signed_in(&app, MANAGER)
        .await
        .get(&url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log.len(), 2, "staff and manager of this school only");
    assert!(log
        .iter()
        .all(|e| e.status == ReminderStatus::Sent && e.sent_at.is_some() && e.tries == 1));
    assert!(log.iter().all(|e| e
        .policy_title
        .as_deref()
        .is_some_and(|t| t.contains("Social Media"))));
}
on_both_databases!(the_reminder_log_is_for_the_schools_managers_only);

async fn remind_now_is_allowed_once_per_person_per_day(app: TestApp) {
    let mail = Mail::start(&app);
    let manager = signed_in(&app, MANAGER).await;
    let url = app.url(&format!(
        "/api/schools/{}/reminders",
        school_id(&app.db, SCHOOL).await
    ));
    let staff = person_id(&app.db, STAFF).await;
    let remind = |body: serde_json::Value| {
        let (client, url) = (manager.clone(), url.clone());
        async move { client.post(url).json(&body).send().await.unwrap() }
    };

    let first = remind(serde_json::json!({ "person_id": staff })).await;
    assert_eq!(first.status(), 202);
    let again = remind(serde_json::json!({ "person_id": staff })).await;
    assert_eq!(again.status(), 429);
    assert!(again
        .text()
        .await
        .unwrap()
        .contains("already reminded today"));

    let group: RemindNowResult = remind(serde_json::json!({ "group": "teaching" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        group,
        RemindNowResult {
            queued: 1,
            skipped: 1
        },
        "the manager, not the staff member again"
    );
    assert_eq!(
        remind(serde_json::json!({ "group": "teaching" }))
            .await
            .status(),
        429
    );
    assert_eq!(remind(serde_json::json!({})).await.status(), 422);
    assert_eq!(
        remind(serde_json::json!({ "group": "nobody" }))
            .await
            .status(),
        404
    );
    let elsewhere = person_id(&app.db, "staff@noble-mind-school.example").await;
    assert_eq!(
        remind(serde_json::json!({ "person_id": elsewhere }))
            .await
            .status(),
        404
    );

    mail.send(&app.db, &app.clock).await;
    let got = mail.capture.mails_to(STAFF);
    assert_eq!(got.len(), 1);
    assert!(
        got[0]
            .subject
            .contains("a reminder about your policy training"),
        "{}",
        got[0].subject
    );
    assert!(got[0].text.contains("Social Media"), "{}", got[0].text);

    app.clock.advance(Duration::days(1));
    app.sign_in(&manager, MANAGER).await;
    assert_eq!(
        remind(serde_json::json!({ "person_id": staff }))
            .await
            .status(),
        202,
        "a new day"
    );
}
on_both_databases!(remind_now_is_allowed_once_per_person_per_day);

async fn managers_keep_a_holiday_calendar_and_nothing_goes_out_during_it(app: TestApp) {
    let mail = Mail::start(&app);
    let manager = signed_in(&app, MANAGER).await;
    let url = app.url(&format!(
        "/api/schools/{}/holidays",
        school_id(&app.db, SCHOOL).await
    ));
    let add = |name: &'static str, first: &'static str, last: &'static str| {
        let (client, url) = (manager.clone(), url.clone());
        async move {
            client
                .post(url)
                .json(&serde_json::json!({ "name": name, "first_day": first, "last_day": last }))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        add("Backwards", "2026-09-10", "2026-09-01").await.status(),
        422
    );
    assert_eq!(
        add("Inset days", "2026-09-01", "2026-09-04").await.status(),
        201
    );
    let spare: Holiday = add("Spare", "2027-01-01", "2027-01-02")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        add("Half term", "2026-09-14", "2026-09-18").await.status(),
        201
    );
    let delete = manager
        .delete(format!("{url}/{}", spare.id))
        .send()
        .await
        .unwrap();
    assert_eq!(delete.status(), 204);
    assert_eq!(
        manager
            .delete(format!("{url}/{}", spare.id))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let listed: Vec<Holiday> = manager
        .get(&url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(),
        ["Inset days", "Half term"]
    );
    let other = signed_in(&app, "manager@noble-mind-school.example").await;
    assert_eq!(other.get(&url).send().await.unwrap().status(), 404);

    // A school day elsewhere, a holiday here: only the other schools hear anything.
    let (_, sent) = sweep_and_send(&app, &mail).await;
    assert_eq!(sent.sent, 8);
    assert!(mail.capture.mails_to(STAFF).is_empty());

    // First day back: what fell due goes out, and the deadline in half term moves to the day after.
    app.clock.advance(Duration::days(4));
    sweep_and_send(&app, &mail).await;
    let got = mail.capture.mails_to(STAFF);
    assert_eq!(got.len(), 1);
    assert!(
        got[0].text.contains("Saturday 19 September 2026"),
        "{}",
        got[0].text
    );
    app.sign_in(&manager, MANAGER).await; // the session from four days ago has expired
    let log_url = url.replace("/holidays", "/reminders");
    let log: Vec<ReminderEntry> = manager
        .get(&log_url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(log
        .iter()
        .all(|e| e.due_on == NaiveDate::from_ymd_opt(2026, 9, 19)));
}
on_both_databases!(managers_keep_a_holiday_calendar_and_nothing_goes_out_during_it);

async fn mail_queued_during_a_holiday_waits_for_the_first_day_back(app: TestApp) {
    let mail = Mail::start(&app);
    let manager = signed_in(&app, MANAGER).await;
    let school = school_id(&app.db, SCHOOL).await;
    let added = manager
        .post(app.url(&format!("/api/schools/{school}/holidays")))
        .json(&serde_json::json!({ "name": "Closure", "first_day": "2026-09-01", "last_day": "2026-09-02" }))
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 201);
    let staff = person_id(&app.db, STAFF).await;
    let queued = manager
        .post(app.url(&format!("/api/schools/{school}/reminders")))
        .json(&serde_json::json!({ "person_id": staff }))
        .send()
        .await
        .unwrap();
    assert_eq!(queued.status(), 202);
    let held = mail.send(&app.db, &app.clock).await;
    assert_eq!((held.sent, held.deferred), (0, 1));
    app.clock.advance(Duration::days(1));
    assert_eq!(
        mail.send(&app.db, &app.clock).await.sent,
        0,
        "still the holiday"
    );
    app.clock.advance(Duration::days(1));
    assert_eq!(
        mail.send(&app.db, &app.clock).await.sent,
        1,
        "the first day back"
    );
}
on_both_databases!(mail_queued_during_a_holiday_waits_for_the_first_day_back);
