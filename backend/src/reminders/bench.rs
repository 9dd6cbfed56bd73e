//! `attest bench-sweep --people N`: times the sweep over N synthetic people on SQLite.
//!
//! The people are spread over 50 schools with one policy each; a third have never
//! started, a third are part-way, a third hold attestations of every age (so some
//! are due soon and some overdue). No mail is sent: this times the sweep alone.

use std::time::Instant;

use chrono::{Duration, Utc};

use crate::config::BenchSweepArgs;
use crate::db::ids::{random_hex, time_text};
use crate::db::Db;
use crate::error::AppResult;
use crate::reminders::sweep::sweep;

const SCHOOLS: usize = 50;
const BATCH: usize = 50;

/// Seeds a fresh SQLite database and prints the time of a first and a repeated sweep.
pub async fn bench_sweep(args: BenchSweepArgs) -> AppResult<()> {
    let dir = std::env::temp_dir().join(format!("attest-bench-{}", random_hex(4)));
    let db = Db::connect(&format!("sqlite://{}/bench.db", dir.display())).await?;
    #[allow(clippy::disallowed_methods)] // a benchmark timestamps real runs
    let now = Utc::now();
    let started = Instant::now();
    seed(&db, args.people, now).await?;
    println!("seeded {} people in {:.1?}", args.people, started.elapsed());

    let t = Instant::now();
    let first = sweep(&db, now, 14, false).await?;
    let first_time = t.elapsed();
    let t = Instant::now();
    let again = sweep(&db, now, 14, false).await?;
    let again_time = t.elapsed();
    println!(
        "first sweep: {} due, {} written in {:.3} s",
        first.due,
        first.written.len(),
        first_time.as_secs_f64()
    );
    println!(
        "repeat sweep: {} due, {} written in {:.3} s",
        again.due,
        again.written.len(),
        again_time.as_secs_f64()
    );
    db.pool.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Inserts rows of text values in batches (SQLite converts them by column affinity).
async fn insert(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    table: &str,
    columns: &[&str],
    rows: &[Vec<String>],
) -> AppResult<()> {
    for chunk in rows.chunks(BATCH) {
        let mut n = 0;
        let values: Vec<String> = chunk
            .iter()
            .map(|_| {
                let params: Vec<String> = columns
                    .iter()
                    .map(|_| {
                        n += 1;
                        format!("${n}")
                    })
                    .collect();
                format!("({})", params.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {}",
            columns.join(", "),
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for value in row {
                query = query.bind(value.clone());
            }
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn seed(db: &Db, people: usize, now: chrono::DateTime<Utc>) -> AppResult<()> {
    let mut tx = db.pool.begin().await?;
    let at = time_text(now);
    let day = |days: i64| (now - Duration::days(days)).date_naive().to_string();
    let mut schools = Vec::new();
    let mut policies = Vec::new();
    let mut versions = Vec::new();
    let mut assignments = Vec::new();
    for s in 0..SCHOOLS {
        let (school, policy, version) = (format!("s{s}"), format!("p{s}"), format!("v{s}"));
        schools.push(vec![
            school.clone(),
            format!("School {s}"),
            format!("school-{s}"),
        ]);
        policies.push(vec![policy.clone(), school, "Policy".into(), at.clone()]);
        versions.push(vec![
            version,
            policy.clone(),
            "1".into(),
            "v1".into(),
            "p.txt".into(),
            "text".into(),
            "0".into(),
            "{}".into(),
            "3".into(),
            "12".into(),
            "80".into(),
            day(-45),
            "0".into(),
            "30".into(),
            time_text(now - Duration::days(400)),
        ]);
        assignments.push(vec![
            policy,
            "teaching".into(),
            "14".into(),
            time_text(now - Duration::days(400)),
        ]);
    }
    insert(&mut tx, "schools", &["id", "name", "slug"], &schools).await?;
    insert(
        &mut tx,
        "policies",
        &["id", "school_id", "title", "created_at"],
        &policies,
    )
    .await?;
    insert(
        &mut tx,
        "policy_versions",
        &[
            "id",
            "policy_id",
            "seq",
            "label",
            "source_name",
            "source_text",
            "text_sha256",
            "clause_set",
            "lesson_count",
            "review_period_months",
            "pass_mark",
            "next_review",
            "requires_reattestation",
            "grace_days",
            "published_at",
        ],
        &versions,
    )
    .await?;
    insert(
        &mut tx,
        "assignments",
        &["policy_id", "group_name", "new_starter_days", "created_at"],
        &assignments,
    )
    .await?;

    let (mut rows, mut members, mut groups, mut attempts, mut attestations) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..people {
        let (person, school, version) = (
            format!("u{i}"),
            format!("s{}", i % SCHOOLS),
            format!("v{}", i % SCHOOLS),
        );
        rows.push(vec![
            person.clone(),
            format!("u{i}@bench.example"),
            format!("Person {i}"),
            at.clone(),
        ]);
        // Start dates spread over the last 60 days: some new starters, some overdue.
        members.push(vec![
            person.clone(),
            school.clone(),
            "staff".into(),
            day((i % 60) as i64),
        ]);
        groups.push(vec![person.clone(), school.clone(), "teaching".into()]);
        if i % 3 == 2 {
            let attempt = format!("a{i}");
            let attested = time_text(now - Duration::days((i % 400) as i64));
            attempts.push(vec![
                attempt.clone(),
                person.clone(),
                version.clone(),
                "1".into(),
                "[]".into(),
                "5".into(),
                "1".into(),
                attested.clone(),
            ]);
            attestations.push(vec![
                format!("t{i}"),
                school,
                i.to_string(),
                person,
                version,
                "0".into(),
                attempt,
                "5".into(),
                "5".into(),
                attested,
                "127.0.0.1".into(),
                "bench".into(),
                "0".into(),
                "0".into(),
                format!("c{i}"),
            ]);
        } else if i % 3 == 1 {
            attempts.push(vec![
                format!("a{i}"),
                person,
                version,
                "1".into(),
                "[]".into(),
                "5".into(),
                "0".into(),
                at.clone(),
            ]);
        }
    }
    insert(
        &mut tx,
        "people",
        &["id", "email", "name", "created_at"],
        &rows,
    )
    .await?;
    insert(
        &mut tx,
        "memberships",
        &["person_id", "school_id", "role", "start_date"],
        &members,
    )
    .await?;
    insert(
        &mut tx,
        "person_groups",
        &["person_id", "school_id", "group_name"],
        &groups,
    )
    .await?;
    insert(
        &mut tx,
        "attempts",
        &[
            "id",
            "person_id",
            "version_id",
            "seed",
            "questions",
            "total",
            "passed",
            "created_at",
        ],
        &attempts,
    )
    .await?;
    insert(
        &mut tx,
        "attestations",
        &[
            "id",
            "school_id",
            "seq",
            "person_id",
            "version_id",
            "text_sha256",
            "attempt_id",
            "score",
            "total",
            "attested_at",
            "ip",
            "user_agent",
            "prev_hash",
            "hash",
            "code",
        ],
        &attestations,
    )
    .await?;
    // One manager per school, so escalation digests are part of the timing.
    let managers: Vec<Vec<String>> = (0..SCHOOLS)
        .map(|s| vec![format!("u{s}"), format!("s{s}")])
        .collect();
    for m in &managers {
        sqlx::query("UPDATE memberships SET role = 'school_manager' WHERE person_id = $1 AND school_id = $2")
            .bind(&m[0])
            .bind(&m[1])
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
