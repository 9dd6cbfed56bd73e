//! Sign-in limits and recorded addresses: the real client's address behind a trusted
//! proxy, headers from anyone else ignored, and a limit that concurrency cannot race.

use std::sync::Arc;

use attest::on_db;
use attest::state::Settings;

use crate::access_fixture::add_person;
use crate::helpers::{spawn_app_with, Backend, TestApp, PASSWORD};
use crate::manage::support::{client_for, my_modules, staff, take_quiz, CHAD};

fn behind_proxy() -> Settings {
    Settings {
        trusted_proxies: vec![attest::client::parse_net("127.0.0.1").unwrap()],
        ..Settings::default()
    }
}

async fn sign_in_from(app: &TestApp, forwarded_for: &str, email: &str, password: &str) -> u16 {
    app.new_client()
        .post(app.url("/api/session"))
        .header("x-forwarded-for", forwarded_for)
        .json(&serde_json::json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Attests as the Chad Vale member of staff, the request saying it came from `forwarded_for`;
/// the address the chain recorded.
async fn attest_from(app: &TestApp, forwarded_for: &str) -> String {
    let client = client_for(app, &staff(CHAD)).await;
    let version = my_modules(app, &client).await[0].version_id.clone();
    let attempt = take_quiz(app, &client, &version, |q| q.answer).await;
    let res = client
        .post(app.url(&format!("/api/attempts/{attempt}/attestation")))
        .header("x-forwarded-for", forwarded_for)
        .json(&serde_json::json!({ "confirm": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (ip,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT ip FROM attestations WHERE attempt_id = $1"
    )
    .bind(&attempt)
    .fetch_one(e)
    .await)
    .unwrap();
    ip
}

async fn one_address_behind_the_proxy_does_not_lock_out_the_others(backend: Backend) {
    let app = spawn_app_with(backend, behind_proxy()).await.unwrap();
    for n in 0..30 {
        let email = format!("guess.{n}@example.org");
        assert_eq!(
            sign_in_from(&app, "203.0.113.1", &email, "wrong").await,
            401
        );
    }
    assert_eq!(
        sign_in_from(&app, "203.0.113.1", "guess.30@example.org", "wrong").await,
        429,
        "that address has used its 30"
    );
    assert_eq!(
        sign_in_from(&app, "203.0.113.2", &staff(CHAD), PASSWORD).await,
        200,
        "another client behind the same proxy still signs in"
    );
    assert_eq!(attest_from(&app, "198.51.100.23").await, "198.51.100.23");
}

async fn headers_from_a_client_that_is_not_a_trusted_proxy_are_ignored(backend: Backend) {
    let app = spawn_app_with(backend, Settings::default()).await.unwrap();
    assert_eq!(attest_from(&app, "198.51.100.23").await, "127.0.0.1");
}

/// Many bad sign-ins at once from one address: no more reach the password check than the
/// limit allows (each that does is answered 401, the rest 429). Ten go first, one by one,
/// so the storm meets a limit already partly used.
async fn concurrent_bad_sign_ins_cannot_race_past_the_limit(backend: Backend) {
    let app = Arc::new(spawn_app_with(backend, Settings::default()).await.unwrap());
    for n in 0..10 {
        let email = format!("first.{n}@example.org");
        assert_eq!(sign_in_from(&app, "unused", &email, "wrong").await, 401);
    }
    let mut tasks = Vec::new();
    for n in 0..90 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let email = format!("flood.{n}@example.org");
            sign_in_from(&app, "unused", &email, "wrong").await
        }));
    }
    let mut checked = 10;
    for task in tasks {
        match task.await.unwrap() {
            401 => checked += 1,
            429 => {}
            other => panic!("unexpected status {other}"),
        }
    }
    assert!(
        checked <= 30,
        "{checked} passwords checked; the limit is 30"
    );
    let (failures,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM sign_in_failures WHERE key LIKE 'ip:%'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(failures, checked, "each check is one counted failure");
}

/// A staff room signing in at once behind one address (a school's one public address):
/// attempts in flight wait for each other instead of filling the limit, so nobody with the
/// right password is refused.
async fn a_staff_room_signing_in_at_once_is_not_refused(backend: Backend) {
    let app = Arc::new(spawn_app_with(backend, Settings::default()).await.unwrap());
    for n in 0..45 {
        let email = format!("room.{n}@chad-vale-primary.example");
        add_person(&app, &email, &format!("Teacher {n}")).await;
    }
    let mut tasks = Vec::new();
    for n in 0..45 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let email = format!("room.{n}@chad-vale-primary.example");
            sign_in_from(&app, "unused", &email, PASSWORD).await
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), 200, "a right password is let in");
    }
    let (left,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM sign_in_failures"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(left, 0, "successes take their places back");
}

macro_rules! on_both {
    ($name:ident) => {
        mod $name {
            use crate::helpers::Backend;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(Backend::Postgres).await;
            }
        }
    };
}
on_both!(one_address_behind_the_proxy_does_not_lock_out_the_others);
on_both!(headers_from_a_client_that_is_not_a_trusted_proxy_are_ignored);
on_both!(concurrent_bad_sign_ins_cannot_race_past_the_limit);
on_both!(a_staff_room_signing_in_at_once_is_not_refused);
