//! Every table the standings loader reads appends to the standings log on every change, in
//! both databases' migrations, and the log's ids follow commit order: the standings cache
//! is only as current as these triggers.

use std::collections::BTreeSet;

use attest::db::{Db, DbKind};
use attest::on_db;

/// The tables named after `FROM` or `JOIN` in the loader's queries (and the overdue-review
/// query the cached dashboard includes), read from the source so a new one cannot be missed.
/// A name followed by `(` is a table-valued function (`json_each`), not a table.
fn tables_read() -> BTreeSet<String> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join("manage/reviews.rs")];
    let mut dirs = vec![src.join("standings")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    let mut tables = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for keyword in ["FROM", "JOIN"] {
            for (at, _) in text.match_indices(keyword) {
                let after = &text[at + keyword.len()..];
                let rest = after.trim_start();
                if rest.len() == after.len() {
                    continue; // part of a longer word
                }
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let function = rest[name.len()..].starts_with('(');
                if !name.is_empty()
                    && !function
                    && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                {
                    tables.insert(name);
                }
            }
        }
    }
    // The log is what the cache reads to check; it has no triggers.
    tables.remove("standing_log");
    tables
}

/// (table, operation) pairs with a trigger that appends to `standing_log`.
async fn logging(db: &Db) -> BTreeSet<(String, String)> {
    let triggers: Vec<(String, String)> = match db.kind() {
        DbKind::Sqlite => {
            on_db!(db, |e| sqlx::query_as("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
                .fetch_all(e).await)
                .unwrap()
        }
        DbKind::Postgres => on_db!(db, |e| sqlx::query_as(
            "SELECT c.relname::text, pg_get_triggerdef(t.oid) || ' ' || p.prosrc \
             FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid \
             WHERE NOT t.tgisinternal",
        )
        .fetch_all(e).await)
        .unwrap(),
    };
    let mut out = BTreeSet::new();
    for (table, text) in triggers {
        if !text.contains("standing_log") {
            continue;
        }
        // The events sit between AFTER and ON.
        let events = text
            .split_once("AFTER ")
            .and_then(|(_, rest)| rest.split_once(" ON "))
            .map_or("", |(events, _)| events);
        for op in ["INSERT", "UPDATE", "DELETE"] {
            if events.contains(op) {
                out.insert((table.clone(), op.to_string()));
            }
        }
    }
    out
}

fn missing(found: &BTreeSet<(String, String)>) -> Vec<String> {
    let tables = tables_read();
    assert!(
        tables.contains("attestations") && tables.contains("memberships"),
        "the loader's tables were read from its source: {tables:?}"
    );
    tables
        .iter()
        .flat_map(|t| ["INSERT", "UPDATE", "DELETE"].map(|op| (t.clone(), op.to_string())))
        .filter(|pair| !found.contains(pair))
        .map(|(t, op)| format!("{op} on {t}"))
        .collect()
}

#[tokio::test]
async fn every_table_the_standings_read_logs_its_changes_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/r.db", dir.path().display()))
        .await
        .unwrap();
    assert_eq!(missing(&logging(&db).await), Vec::<String>::new());
}

#[tokio::test]
async fn every_table_the_standings_read_logs_its_changes_on_postgres() {
    let Some(url) = crate::scale_out::fresh_postgres().await else {
        return;
    };
    let db = Db::connect(&url).await.unwrap();
    let found = logging(&db).await;
    db.pool.close().await;
    crate::scale_out::drop_postgres(&url).await;
    assert_eq!(missing(&found), Vec::<String>::new());
}

/// A transaction that began writing first but commits last takes the later log id: a
/// reader that has seen an id has seen every change logged below it, which is what a
/// cached entry stamped with that id relies on. (Plain sequence numbers would be taken
/// in the order the writes were made, not committed.)
#[tokio::test]
async fn the_log_follows_commit_order_on_postgres() {
    let Some(url) = crate::scale_out::fresh_postgres().await else {
        return;
    };
    let db = Db::connect(&url).await.unwrap();
    on_db!(db, |e| sqlx::query(
        "INSERT INTO schools (id, name, slug) VALUES ('s1', 'One', 'one'), ('s2', 'Two', 'two')",
    )
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let (before,): (i64,) = on_db!(db, |e| sqlx::query_as(
        "SELECT CAST(MAX(id) AS BIGINT) FROM standing_log"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    let mut first = db.pool.begin().await.unwrap();
    on_db!(first, |e| sqlx::query(
        "UPDATE schools SET name = 'One again' WHERE id = 's1'"
    )
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    // Committed while the first is still open.
    on_db!(db, |e| sqlx::query(
        "UPDATE schools SET name = 'Two again' WHERE id = 's2'"
    )
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    first.commit().await.unwrap();
    let logged: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT school_id FROM standing_log WHERE id > $1 ORDER BY id"
    )
    .bind(before)
    .fetch_all(e)
    .await)
    .unwrap();
    db.pool.close().await;
    crate::scale_out::drop_postgres(&url).await;
    assert_eq!(logged, vec![("s2".to_string(),), ("s1".to_string(),)]);
}
