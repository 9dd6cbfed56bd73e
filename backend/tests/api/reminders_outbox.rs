//! The outbox's bulk write: thousands of reminders at once, each written exactly once.

use attest::on_db;
use attest::reminders::outbox::{write_new, NewReminder, Recent};
use attest::reminders::Stage;
use chrono::{DateTime, Duration, Utc};

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::remind::{day, person_id, school_id, SCHOOL, STAFF};

/// More rows than one INSERT statement takes, and enough that the recent keys are read first.
const ROWS: usize = 12_000;
/// The row that is account mail: no school and no deadline.
const NO_SCHOOL: usize = 10_500;

async fn count(app: &TestApp) -> i64 {
    let (n,): (i64,) = on_db!(app.db, |e| sqlx::query_as("SELECT COUNT(*) FROM reminders")
        .fetch_one(e)
        .await)
    .unwrap();
    n
}

async fn a_bulk_write_adds_only_what_is_new(app: TestApp) {
    let now: DateTime<Utc> = app.clock.now();
    let school = school_id(&app.db, SCHOOL).await;
    let person = person_id(&app.db, STAFF).await;
    let rows: Vec<NewReminder> = (0..ROWS)
        .map(|i| NewReminder {
            school_id: (i != NO_SCHOOL).then(|| school.clone()),
            person_id: person.clone(),
            version_id: format!("version-{i}"),
            stage: if i % 2 == 0 {
                Stage::Due7
            } else {
                Stage::Overdue
            },
            occasion: "2026-09-15".into(),
            due_on: (i != NO_SCHOOL).then(|| day("2026-09-15")),
            details: String::new(),
            send_after: now,
            items: Vec::new(),
        })
        .collect();
    // Some were written long ago (beyond the window the sweep reads), some yesterday.
    let long_ago = write_new(
        &app.db,
        rows[..7].to_vec(),
        now - Duration::days(60),
        false,
        None,
    )
    .await
    .unwrap();
    assert_eq!(long_ago.len(), 7);
    let yesterday = write_new(
        &app.db,
        rows[4_000..4_010].to_vec(),
        now - Duration::days(1),
        false,
        None,
    )
    .await
    .unwrap();
    assert_eq!(yesterday.len(), 10);

    // A dry run says what would be written and writes nothing.
    let would = write_new(&app.db, rows.clone(), now, true, None)
        .await
        .unwrap();
    assert_eq!(would.len(), ROWS - 17);
    assert_eq!(count(&app).await, 17);

    // The keys are read first (as the sweep does, while it loads the standings), then
    // another server writes some of these rows: they still go in once.
    let read_before = Recent::read(&app.db, now).await.unwrap();
    let other_server = write_new(&app.db, rows[100..110].to_vec(), now, false, None)
        .await
        .unwrap();
    assert_eq!(other_server.len(), 10);
    let written = write_new(&app.db, rows.clone(), now, false, Some(read_before))
        .await
        .unwrap();
    let expected: Vec<NewReminder> = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| *i >= 7 && !(100..110).contains(i) && !(4_000..4_010).contains(i))
        .map(|(_, r)| r.clone())
        .collect();
    assert_eq!(written.len(), expected.len());
    assert!(written == expected, "the new rows, in the order given");
    assert_eq!(count(&app).await, ROWS as i64);

    // Again: nothing is new.
    let again = write_new(&app.db, rows, now, false, None).await.unwrap();
    assert!(again.is_empty());
    assert_eq!(count(&app).await, ROWS as i64);
    let (stored_due,): (Option<String>,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT due_on FROM reminders WHERE version_id = 'version-4999' AND stage = 'overdue'",
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(stored_due.as_deref(), Some("2026-09-15"));
    let (no_school, no_due): (Option<String>, Option<String>) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT school_id, due_on FROM reminders WHERE version_id = $1",
    )
    .bind(format!("version-{NO_SCHOOL}"))
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!((no_school, no_due), (None, None));
}
on_both_databases!(a_bulk_write_adds_only_what_is_new);
