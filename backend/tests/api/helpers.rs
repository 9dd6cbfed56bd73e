//! `spawn_app`: the real router on a free loopback port over a fresh database.

use std::path::PathBuf;
use std::sync::Arc;

use attest::app::router;
use attest::clock::Clock;
use attest::db::Db;
use attest::on_db;
use attest::seed::{seed_if_empty, DemoSize};
use attest::standings::cache::DEFAULT_CAP;
use attest::standings::StandingsCache;
use attest::state::{AppState, Settings};
use chrono::{TimeZone, Utc};

/// The password every seeded demo account gets in tests.
pub const PASSWORD: &str = "test-password-1";

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running app and what a test needs to drive it.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: Db,
    /// The database's URL, for tools and second pools that open it themselves.
    pub db_url: String,
    pub backend: Backend,
    pub clock: Clock,
    _dir: tempfile::TempDir,
}

impl TestApp {
    /// An absolute URL for a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The directory the app serves its single-page app from (empty until a test fills it).
    pub fn dist_dir(&self) -> PathBuf {
        self._dir.path().join("dist")
    }

    /// A fresh client with its own cookie jar (another browser).
    pub fn new_client(&self) -> reqwest::Client {
        app_client()
    }

    /// What an attacker with database access does first: remove the append-only guard.
    pub async fn drop_append_only_guard(&self) {
        let statements: &[&str] = match self.backend {
            Backend::Sqlite => &[
                "DROP TRIGGER attestations_no_update",
                "DROP TRIGGER attestations_no_delete",
            ],
            Backend::Postgres => &["ALTER TABLE attestations DISABLE TRIGGER USER"],
        };
        for sql in statements {
            on_db!(self.db, |e| sqlx::query(sql)
                .execute(e)
                .await
                .rows_affected())
            .unwrap();
        }
    }

    /// Signs a client in as `email` and asserts it worked.
    pub async fn sign_in(&self, client: &reqwest::Client, email: &str) {
        let res = client
            .post(self.url("/api/session"))
            .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        let status = res.status();
        assert_eq!(
            status,
            200,
            "sign-in as {email} failed: {}",
            res.text().await.unwrap()
        );
    }
}

/// A client that behaves like the app: a cookie jar and the CSRF header on every request.
pub fn app_client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-requested-with",
        reqwest::header::HeaderValue::from_static("attest"),
    );
    reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .build()
        .unwrap()
}

pub fn workspace_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The PostgreSQL server tests use (trust auth on loopback by default).
fn postgres_admin_url() -> String {
    std::env::var("ATTEST_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A new empty PostgreSQL database for one test, or `None` (said aloud) when no server answers.
async fn fresh_postgres() -> Option<String> {
    use sqlx::ConnectOptions;
    use std::str::FromStr;
    let admin = postgres_admin_url();
    let options = sqlx::postgres::PgConnectOptions::from_str(&admin).ok()?;
    let mut conn = match options.connect().await {
        Ok(c) => c,
        // `scripts/test.sh` (and so CI) sets ATTEST_REQUIRE_POSTGRES=1: there a missing
        // server fails the run instead of passing half of it unnoticed.
        Err(e) if std::env::var("ATTEST_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") => {
            panic!("no PostgreSQL at {admin} ({e}), and ATTEST_REQUIRE_POSTGRES=1")
        }
        Err(e) => {
            eprintln!("SKIPPED: no PostgreSQL at {admin} ({e}); set ATTEST_TEST_POSTGRES_URL");
            return None;
        }
    };
    let name = format!("attest_test_{}", attest::db::ids::random_hex(6));
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let base = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(b, _)| b)
        .to_string();
    Some(format!("{base}/{name}"))
}

/// The database URL for a backend in a temp dir (None: PostgreSQL is not available).
pub async fn database_url(backend: Backend, dir: &tempfile::TempDir) -> Option<String> {
    match backend {
        Backend::Sqlite => Some(format!("sqlite://{}/attest.db", dir.path().display())),
        Backend::Postgres => fresh_postgres().await,
    }
}

/// Starts the app with the sample data on a fresh database; `None` if the backend is unavailable.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, Settings::default()).await
}

/// [`spawn_app`] with run-time settings of the test's own (trusted proxies, https).
pub async fn spawn_app_with(backend: Backend, settings: Settings) -> Option<TestApp> {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(backend, &dir).await?;
    let db = Db::connect(&url).await.unwrap();
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap());
    seed_if_empty(
        &db,
        &workspace_dir().join("content"),
        Some(PASSWORD),
        DemoSize::Accounts,
        clock.now(),
    )
    .await
    .unwrap()
    .expect("an empty database is seeded");
    let state = AppState {
        db: db.clone(),
        clock: clock.clone(),
        settings: Arc::new(settings),
        standings: Arc::new(StandingsCache::new(DEFAULT_CAP)),
    };
    let app = router(state, &dir.path().join("dist"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });
    let client = app_client();
    Some(TestApp {
        base: format!("http://{addr}"),
        client,
        db,
        db_url: url,
        backend,
        clock,
        _dir: dir,
    })
}

/// Declares a test that runs once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident) => {
        mod $name {
            use $crate::helpers::{spawn_app, Backend};

            #[tokio::test]
            async fn sqlite() {
                let app = spawn_app(Backend::Sqlite).await.unwrap();
                super::$name(app).await;
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(app) = spawn_app(Backend::Postgres).await {
                    super::$name(app).await;
                }
            }
        }
    };
}
