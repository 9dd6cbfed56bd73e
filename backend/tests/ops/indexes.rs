//! Every index the hot queries (and `attest bench`) rely on exists in both databases' migrations.

use attest::db::Db;
use attest::on_db;

/// (table, leading columns of an index the hot queries need).
const NEEDED: &[(&str, &[&str])] = &[
    // Sign-in and the session on every request.
    ("people", &["email"]),
    ("sessions", &["token_hash"]),
    // Quiz submit and attest: the attempt, the duplicate check, the chain head, the receipt.
    ("attempts", &["id"]),
    ("attempt_questions", &["attempt_id"]),
    ("attempts", &["person_id", "version_id"]),
    ("attestations", &["attempt_id"]),
    ("attestations", &["school_id", "seq"]),
    ("attestations", &["code"]),
    ("policy_versions", &["policy_id", "seq"]),
    ("assignments", &["policy_id", "group_name"]),
    ("person_groups", &["person_id", "school_id"]),
    ("memberships", &["person_id", "school_id"]),
    // The standings loader (dashboards, matrix, sweep).
    ("memberships", &["school_id"]),
    ("policies", &["school_id"]),
    (
        "attestations",
        &["person_id", "version_id", "attested_at", "seq"],
    ),
    ("lesson_progress", &["person_id", "version_id"]),
    // The sweep's outbox.
    (
        "reminders",
        &["person_id", "version_id", "stage", "occasion"],
    ),
    ("reminders", &["created_at"]),
    ("reminders", &["status", "send_after"]),
];

/// Each index as (table, its columns in order).
async fn indexes(db: &Db) -> Vec<(String, Vec<String>)> {
    let rows: Vec<(String, String, String)> = match db.kind() {
        attest::db::DbKind::Sqlite => on_db!(db, |e| sqlx::query_as(
            "SELECT m.name, il.name, ii.name FROM sqlite_master AS m, \
               pragma_index_list(m.name) AS il, pragma_index_info(il.name) AS ii \
             WHERE m.type = 'table' ORDER BY m.name, il.name, ii.seqno",
        )
        .fetch_all(e)
        .await)
        .unwrap(),
        attest::db::DbKind::Postgres => {
            let defs: Vec<(String, String, String)> = on_db!(db, |e| sqlx::query_as(
                "SELECT tablename::text, indexname::text, indexdef FROM pg_indexes WHERE schemaname = 'public'",
            )
            .fetch_all(e).await)
            .unwrap();
            defs.into_iter()
                .flat_map(|(table, name, def)| {
                    let cols = def
                        .rsplit_once('(')
                        .map_or("", |(_, c)| c.trim_end_matches(')'));
                    cols.split(',')
                        .map(|c| (table.clone(), name.clone(), c.trim().to_string()))
                        .collect::<Vec<_>>()
                })
                .collect()
        }
    };
    let mut out: Vec<(String, String, Vec<String>)> = Vec::new();
    for (table, index, column) in rows {
        match out.last_mut() {
            Some((t, i, cols)) if *t == table && *i == index => cols.push(column),
            _ => out.push((table, index, vec![column])),
        }
    }
    out.into_iter().map(|(t, _, cols)| (t, cols)).collect()
}

fn missing(found: &[(String, Vec<String>)]) -> Vec<String> {
    NEEDED
        .iter()
        .filter(|(table, cols)| {
            !found.iter().any(|(t, have)| {
                t == table && have.len() >= cols.len() && have[..cols.len()] == **cols
            })
        })
        .map(|(table, cols)| format!("{table} ({})", cols.join(", ")))
        .collect()
}

#[tokio::test]
async fn every_index_the_hot_queries_rely_on_exists_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/i.db", dir.path().display()))
        .await
        .unwrap();
    let found = indexes(&db).await;
    assert!(found.len() > 10, "indexes were read: {found:?}");
    assert_eq!(missing(&found), Vec::<String>::new());
}

#[tokio::test]
async fn every_index_the_hot_queries_rely_on_exists_on_postgres() {
    let Some(url) = crate::scale_out::fresh_postgres().await else {
        return;
    };
    let db = Db::connect(&url).await.unwrap();
    let found = indexes(&db).await;
    db.pool.close().await;
    crate::scale_out::drop_postgres(&url).await;
    assert!(found.len() > 10, "indexes were read: {found:?}");
    assert_eq!(missing(&found), Vec::<String>::new());
}
