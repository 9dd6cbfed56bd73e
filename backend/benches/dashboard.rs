//! Dashboard and matrix response times at 10,000 people × 10 policies on SQLite.
//!
//! `cargo bench -p attest-backend --bench dashboard` seeds a temporary database with one
//! school of 10,000 people, 10 policies assigned to all of them and a realistic spread of
//! attempts and attestations, then times what the handlers do: load the facts in bulk and
//! build the dashboard (12 weekly points) or one matrix page. Target: under 100 ms each.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a failed unwrap is a failed run

use std::time::{Duration, Instant};

use attest::db::ids::time_text;
use attest::db::Db;
use attest::manage::dashboard::{build, BarsBy};
use attest::manage::matrix;
use attest::publish::{publish_new_policy, PublishOptions};
use attest::standings::{load, Scope};
use attest_domain::api::{MatrixQuery, Status};
use chrono::{TimeZone, Utc};

const PEOPLE: usize = 10_000;
const POLICIES: usize = 10;
const RUNS: usize = 7;

async fn insert_rows(db: &Db, table_and_columns: &str, rows: &[String]) {
    let mut tx = db.pool.begin().await.unwrap();
    for chunk in rows.chunks(400) {
        let sql = format!(
            "INSERT INTO {table_and_columns} VALUES {}",
            chunk.join(", ")
        );
        sqlx::query(&sql).execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
}

async fn seed(db: &Db) -> String {
    let now = Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap();
    let created = time_text(now - chrono::Duration::days(200));
    sqlx::query("INSERT INTO schools (id, name, slug) VALUES ('big', 'Big School', 'big-school')")
        .execute(&db.pool)
        .await
        .unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/policies");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.sort();
    let mut versions = Vec::new();
    let mut tx = db.pool.begin().await.unwrap();
    for i in 0..POLICIES {
        let options = PublishOptions {
            title: Some(format!("Policy {i:02}")),
            ..PublishOptions::default()
        };
        let published = publish_new_policy(
            &mut tx,
            "big",
            "p.txt",
            &texts[i % texts.len()],
            &options,
            now - chrono::Duration::days(200),
        )
        .await
        .unwrap();
        sqlx::query("INSERT INTO assignments (policy_id, group_name, new_starter_days, created_at) VALUES ($1, 'teaching', 14, $2)")
            .bind(&published.policy_id)
            .bind(&created)
            .execute(&mut *tx)
            .await
            .unwrap();
        versions.push(published.version_id);
    }
    tx.commit().await.unwrap();
    let people: Vec<String> = (0..PEOPLE)
        .map(|i| format!("('p{i}', 'person{i}@big.example', 'Person {i:05}', 1, '{created}')"))
        .collect();
    insert_rows(db, "people (id, email, name, active, created_at)", &people).await;
    let members: Vec<String> = (0..PEOPLE)
        .map(|i| format!("('p{i}', 'big', 'staff', '2026-03-01')"))
        .collect();
    insert_rows(
        db,
        "memberships (person_id, school_id, role, start_date)",
        &members,
    )
    .await;
    let groups: Vec<String> = (0..PEOPLE)
        .map(|i| format!("('p{i}', 'big', 'teaching')"))
        .collect();
    insert_rows(
        db,
        "person_groups (person_id, school_id, group_name)",
        &groups,
    )
    .await;
    // About 60% of cells attested on spread-out days, 10% with an attempt only.
    let (mut attempts, mut attestations) = (Vec::new(), Vec::new());
    let mut seq = 0;
    for i in 0..PEOPLE {
        for (v, version) in versions.iter().enumerate() {
            let roll = (i * 7 + v * 13) % 10;
            if roll >= 7 {
                continue;
            }
            let day = now - chrono::Duration::days(((i + v) % 150) as i64);
            let at = time_text(day);
            let passed = i64::from(roll < 6);
            attempts.push(format!(
                "('a{i}_{v}', 'p{i}', '{version}', 1, '[]', '[]', 8, 10, {passed}, '{at}', '{at}')"
            ));
            if roll < 6 {
                seq += 1;
                attestations.push(format!(
                    "('t{i}_{v}', 'big', {seq}, 'p{i}', '{version}', 'sha', 'a{i}_{v}', 8, 10, '{at}', '127.0.0.1', 'bench', 'prev', 'hash', 'code{seq}')"
                ));
            }
        }
    }
    insert_rows(db, "attempts (id, person_id, version_id, seed, questions, answers, score, total, passed, created_at, submitted_at)", &attempts).await;
    insert_rows(db, "attestations (id, school_id, seq, person_id, version_id, text_sha256, attempt_id, score, total, attested_at, ip, user_agent, prev_hash, hash, code)", &attestations).await;
    println!(
        "seeded {PEOPLE} people × {POLICIES} policies: {} attempts, {} attestations",
        attempts.len(),
        attestations.len()
    );
    "big".into()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

async fn time<F, Fut>(label: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        f().await;
        times.push(start.elapsed());
    }
    let m = median(times.clone());
    let verdict = if m < Duration::from_millis(100) {
        "ok"
    } else {
        "OVER 100 ms"
    };
    println!(
        "{label:<40} median {:>7.1} ms  (min {:>6.1} ms)  {verdict}",
        m.as_secs_f64() * 1e3,
        times.iter().min().unwrap().as_secs_f64() * 1e3
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/bench.db", dir.path().display()))
        .await
        .unwrap();
    let school = seed(&db).await;
    let ids = [school];
    let today = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    time("load facts (8 queries)", || async {
        load(&db, &Scope::Schools(&ids), false).await.unwrap();
    })
    .await;
    time("dashboard (load + build, 12 weeks)", || async {
        let facts = load(&db, &Scope::Schools(&ids), false).await.unwrap();
        let d = build(&facts, "Big".into(), today, 12, BarsBy::Group);
        assert_eq!(d.people as usize, PEOPLE);
    })
    .await;
    time("matrix page 1 (load + sort by name)", || async {
        let facts = load(&db, &Scope::Schools(&ids), false).await.unwrap();
        let m = matrix::page(&facts, today, &MatrixQuery::default()).unwrap();
        assert_eq!(m.rows.len(), 50);
    })
    .await;
    time("matrix overdue, sorted by status", || async {
        let facts = load(&db, &Scope::Schools(&ids), false).await.unwrap();
        let query = MatrixQuery {
            status: Some(Status::Overdue),
            sort: Some("status".into()),
            ..MatrixQuery::default()
        };
        matrix::page(&facts, today, &query).unwrap();
    })
    .await;
}
