//! The writer's own unit tests.

use super::*;
use crate::db::lite::Arg;

#[test]
fn a_write_of_several_statements_is_undone_whole_and_the_batch_goes_on() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch("CREATE TABLE t (k TEXT PRIMARY KEY)")
        .unwrap();
    let tx = conn.transaction().unwrap();
    let insert = "INSERT INTO t (k) VALUES ($1)";
    let one = |k| (insert, vec![Arg::Text(k)]);
    assert_eq!(run_lite(&tx, &[one("a"), one("b")]).unwrap(), 1);
    // "c" goes in, then "a" fails: "c" is taken out again.
    assert!(run_lite(&tx, &[one("c"), one("a")]).is_err());
    assert_eq!(run_lite(&tx, &[one("d")]).unwrap(), 1);
    tx.commit().unwrap();
    let keys: Vec<String> = conn
        .prepare("SELECT k FROM t ORDER BY k")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(keys, ["a", "b", "d"]);
}

/// Three lesson saves in one batch, the second of which hits an I/O error that SQLite
/// answers by rolling the whole transaction back: a fault injected through a SQL function
/// a temporary trigger calls, on the writer's own connection.
#[tokio::test]
async fn an_error_that_ends_the_transaction_fails_the_whole_batch() {
    use rusqlite::functions::FunctionFlags;
    let dir = tempfile::tempdir().unwrap();
    let db = crate::db::Db::connect(&format!("sqlite://{}", dir.path().join("a.db").display()))
        .await
        .unwrap();
    let lite = db.lite().unwrap();
    let conn = lite.connect_writer().unwrap();
    conn.create_scalar_function("fault", 0, FunctionFlags::SQLITE_UTF8, |_| {
        Err::<i64, _>(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR),
            // No message: rusqlite would set it after the code, which resets the code.
            None,
        ))
    })
    .unwrap();
    // No people or modules exist: the rows only need to land (or not).
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         CREATE TEMP TRIGGER fault AFTER INSERT ON main.lesson_progress
         WHEN NEW.person_id = 'doomed' BEGIN SELECT fault(); END;",
    )
    .unwrap();
    let save = |person: &str| {
        Write::Progress(crate::learning::Progress {
            person_id: person.into(),
            version_id: "v".into(),
            current_lesson: 1,
            lessons_done: 1,
            updated_at: "2026-09-01T08:00:00Z".into(),
        })
    };
    let writes = [save("before"), save("doomed"), save("after")];

    let results = commit_lite(lite, &mut Some(conn), &writes, db.journal());

    assert!(results.iter().all(Result::is_err), "{results:?}");
    let stored: i64 = lite
        .read(|c| c.query_row("SELECT COUNT(*) FROM lesson_progress", [], |r| r.get(0)))
        .unwrap();
    assert_eq!(
        stored, 0,
        "a write of a failed batch was committed on its own"
    );
}
