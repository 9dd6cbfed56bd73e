//! Support for the reminder tests: a capture SMTP server wired to a sender, and quick data.

use attest::clock::Clock;
use attest::config::SmtpTls;
use attest::db::ids::{new_id, time_text};
use attest::db::Db;
use attest::on_db;
use attest::reminders::sender::{send_due, Mailer, SendReport};
use attest::reminders::sweep::{sweep, SweepReport};
use attest::reminders::ReminderSettings;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::helpers::TestApp;
use crate::smtp::SmtpCapture;

/// A staff member in the demo data.
pub const STAFF: &str = "staff@chad-vale-primary.example";
/// Their school manager.
pub const MANAGER: &str = "manager@chad-vale-primary.example";
/// The school's slug.
pub const SCHOOL: &str = "chad-vale-primary";

/// Where a test's reminder mail goes.
pub struct Mail {
    /// The loopback SMTP server.
    pub capture: SmtpCapture,
    /// A sender pointed at it.
    pub mailer: Mailer,
    /// Links point at the test app.
    pub settings: ReminderSettings,
}

impl Mail {
    /// A sender to `capture` for `app`.
    pub fn to(capture: SmtpCapture, app: &TestApp) -> Mail {
        let mailer = Mailer::smtp("127.0.0.1", capture.port, SmtpTls::None, None).unwrap();
        Mail {
            capture,
            mailer,
            settings: ReminderSettings {
                public_url: app.base.clone(),
                ..ReminderSettings::default()
            },
        }
    }

    /// A running capture server for `app`.
    pub fn start(app: &TestApp) -> Mail {
        Mail::to(SmtpCapture::start(), app)
    }

    /// Sends what is due now.
    pub async fn send(&self, db: &Db, clock: &Clock) -> SendReport {
        send_due(db, &self.mailer, &self.settings, clock, "test")
            .await
            .unwrap()
    }
}

/// One sweep (default escalation) and one send at the app's clock.
pub async fn sweep_and_send(app: &TestApp, mail: &Mail) -> (SweepReport, SendReport) {
    let swept = sweep(&app.db, app.clock.now(), 14, false).await.unwrap();
    (swept, mail.send(&app.db, &app.clock).await)
}

/// The id of a school by slug.
pub async fn school_id(db: &Db, slug: &str) -> String {
    let (id,): (String,) = on_db!(db, |e| sqlx::query_as(
        "SELECT id FROM schools WHERE slug = $1"
    )
    .bind(slug)
    .fetch_one(e)
    .await)
    .unwrap();
    id
}

/// The id of a person by email.
pub async fn person_id(db: &Db, email: &str) -> String {
    let (id,): (String,) = on_db!(db, |e| sqlx::query_as(
        "SELECT id FROM people WHERE email = $1"
    )
    .bind(email)
    .fetch_one(e)
    .await)
    .unwrap();
    id
}

/// The current policy version at a school (the demo schools have one policy each).
pub async fn version_id(db: &Db, slug: &str) -> String {
    let (id,): (String,) = on_db!(db, |e| sqlx::query_as(
        "SELECT v.id FROM policy_versions v JOIN policies p ON p.id = v.policy_id \
         JOIN schools s ON s.id = p.school_id WHERE s.slug = $1 ORDER BY v.seq DESC LIMIT 1",
    )
    .bind(slug)
    .fetch_one(e)
    .await)
    .unwrap();
    id
}

/// Adds a person to a school with a role, one group and a start date.
pub async fn add_person(
    db: &Db,
    slug: &str,
    email: &str,
    role: &str,
    group: &str,
    start: NaiveDate,
) -> String {
    let school = school_id(db, slug).await;
    let id = new_id();
    on_db!(db, |e| sqlx::query(
        "INSERT INTO people (id, email, name, created_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(&id)
    .bind(email)
    .bind(format!("Person {email}"))
    .bind("2026-01-01T00:00:00Z")
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    on_db!(db, |e| sqlx::query(
        "INSERT INTO memberships (person_id, school_id, role, start_date) VALUES ($1, $2, $3, $4)",
    )
    .bind(&id)
    .bind(&school)
    .bind(role)
    .bind(start.to_string())
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    on_db!(db, |e| sqlx::query(
        "INSERT INTO person_groups (person_id, school_id, group_name) VALUES ($1, $2, $3)"
    )
    .bind(&id)
    .bind(&school)
    .bind(group)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    id
}

/// Records an attestation straight into the table (the reminder tests need its date, not its chain).
pub async fn attest_directly(db: &Db, slug: &str, person: &str, at: DateTime<Utc>) {
    let (school, version) = (school_id(db, slug).await, version_id(db, slug).await);
    let attempt = new_id();
    on_db!(db, |e| sqlx::query(
        "INSERT INTO attempts (id, person_id, version_id, seed, total, passed, score, created_at) \
         VALUES ($1, $2, $3, 1, 5, 1, 5, $4)",
    )
    .bind(&attempt)
    .bind(person)
    .bind(&version)
    .bind(time_text(at))
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let (seq,): (i64,) = on_db!(db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM attestations WHERE school_id = $1"
    )
    .bind(&school)
    .fetch_one(e)
    .await)
    .unwrap();
    on_db!(db, |e| sqlx::query(
        "INSERT INTO attestations (id, school_id, seq, person_id, version_id, text_sha256, attempt_id, \
           score, total, attested_at, ip, user_agent, prev_hash, hash, code) \
         VALUES ($1, $2, $3, $4, $5, 'x', $6, 5, 5, $7, '127.0.0.1', 'test', 'x', 'x', $8)",
    )
    .bind(new_id())
    .bind(&school)
    .bind(seq + 1)
    .bind(person)
    .bind(&version)
    .bind(&attempt)
    .bind(time_text(at))
    .bind(new_id())
    .execute(e).await.rows_affected())
    .unwrap();
}

/// The stages of the reminders written for one person, in order.
pub async fn stages_of(db: &Db, email: &str) -> Vec<String> {
    let rows: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT r.stage FROM reminders r JOIN people p ON p.id = r.person_id \
         WHERE p.email = $1 ORDER BY r.created_at, r.stage",
    )
    .bind(email)
    .fetch_all(e)
    .await)
    .unwrap();
    rows.into_iter().map(|(s,)| s).collect()
}

/// A date.
pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Moves the app's clock to 09:00 UTC on `date`.
pub fn set_day(app: &TestApp, date: &str) {
    let target = Utc.from_utc_datetime(&day(date).and_hms_opt(9, 0, 0).unwrap());
    app.clock.advance(target - app.clock.now());
}
