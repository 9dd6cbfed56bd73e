//! The writer's own unit tests.

use tokio::sync::oneshot;

use super::*;
use crate::db::Arg;

#[test]
fn a_write_of_several_statements_is_undone_whole_and_the_batch_goes_on() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch("CREATE TABLE t (k TEXT PRIMARY KEY)")
        .unwrap();
    let tx = conn.transaction().unwrap();
    let insert = "INSERT INTO t (k) VALUES ($1)";
    let one = |k| (insert, vec![Arg::Text(k)]);
    assert_eq!(sqlite::run(&tx, &[one("a"), one("b")]).unwrap(), 1);
    // "c" goes in, then "a" fails: "c" is taken out again.
    assert!(sqlite::run(&tx, &[one("c"), one("a")]).is_err());
    assert_eq!(sqlite::run(&tx, &[one("d")]).unwrap(), 1);
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
    let (jobs, answers) = queue(["before", "doomed", "after"].map(Save));

    sqlite::commit(lite, &mut Some(conn), jobs);

    for answer in answers {
        let result = answer.await.unwrap();
        assert!(result.is_err(), "{result:?}");
    }
    let stored: i64 = lite
        .read(|c| c.query_row("SELECT COUNT(*) FROM lesson_progress", [], |r| r.get(0)))
        .unwrap();
    assert_eq!(
        stored, 0,
        "a write of a failed batch was committed on its own"
    );
}

/// A lesson saved for a person (no people or modules need exist).
struct Save(&'static str);

impl Write for Save {
    type Output = ();

    fn statements(&mut self, _: Option<&mut Head>) -> Vec<Statement<'_>> {
        const SAVE: &str = "INSERT INTO lesson_progress \
             (person_id, version_id, current_lesson, lessons_done, updated_at) \
             VALUES ($1, 'v', 1, 1, '2026-09-01T08:00:00Z')";
        vec![(SAVE, vec![Arg::Text(self.0)])]
    }

    fn output(self, _rows: u64) -> AppResult<()> {
        Ok(())
    }
}

/// A row appended to a chain of its own table, refused if its tag was used before.
struct Link {
    tag: &'static str,
    seq: i64,
    prev: String,
}

impl Write for Link {
    type Output = i64;

    fn chain(&self) -> Option<Chain<'_>> {
        Some(Chain {
            head: "SELECT seq, hash FROM links WHERE chain = $1 ORDER BY seq DESC LIMIT 1",
            key: "one",
            genesis: "genesis",
        })
    }

    fn statements(&mut self, head: Option<&mut Head>) -> Vec<Statement<'_>> {
        const LINK: &str =
            "INSERT INTO links (chain, seq, prev, hash, tag) VALUES ('one', $1, $2, $3, $3)";
        let head = head.expect("a write with a chain is given its head");
        self.prev = std::mem::replace(&mut head.hash, self.tag.to_string());
        head.seq += 1;
        self.seq = head.seq;
        vec![(
            LINK,
            vec![
                Arg::Int(self.seq),
                Arg::Text(&self.prev),
                Arg::Text(self.tag),
            ],
        )]
    }

    fn output(self, _rows: u64) -> AppResult<i64> {
        Ok(self.seq)
    }

    fn conflict(&self) -> Option<&'static str> {
        Some("that tag is taken")
    }
}

/// The writes as a batch, and the answers their requests wait on.
fn queue<W: Write>(
    writes: impl IntoIterator<Item = W>,
) -> (Jobs, Vec<oneshot::Receiver<AppResult<W::Output>>>) {
    let mut jobs: Jobs = Vec::new();
    let mut answers = Vec::new();
    for write in writes {
        let (reply, answer) = oneshot::channel();
        jobs.push(Box::new(Queued { write, reply }));
        answers.push(answer);
    }
    (jobs, answers)
}

#[tokio::test]
async fn a_refused_append_leaves_its_chain_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chain.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TABLE links (chain TEXT NOT NULL, seq INTEGER NOT NULL, prev TEXT NOT NULL, \
               hash TEXT NOT NULL, tag TEXT NOT NULL UNIQUE, PRIMARY KEY (chain, seq))",
        )
        .unwrap();
    let lite = crate::db::lite::Lite::new(&path).unwrap();
    let link = |tag| Link {
        tag,
        seq: 0,
        prev: String::new(),
    };
    let (jobs, answers) = queue([link("a"), link("b"), link("a"), link("c")]);

    sqlite::commit(&lite, &mut None, jobs);

    let mut results = Vec::new();
    for answer in answers {
        results.push(answer.await.unwrap().map_err(|e| e.to_string()));
    }
    assert_eq!(
        results,
        [Ok(1), Ok(2), Err("that tag is taken".into()), Ok(3)]
    );
    let rows: Vec<(i64, String)> = lite
        .read(|c| {
            c.prepare("SELECT seq, prev FROM links ORDER BY seq")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })
        .unwrap();
    let prevs = [(1, "genesis"), (2, "a"), (3, "b")].map(|(s, p)| (s, p.to_string()));
    assert_eq!(
        rows, prevs,
        "the third link follows the second, not the refused one"
    );
}
