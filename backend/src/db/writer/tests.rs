//! The writer's own unit tests, on SQLite files.

use tokio::sync::oneshot;

use super::*;
use crate::db::args::Arg;
use crate::db::Db;

/// A fresh SQLite file with `schema` run on it.
async fn database(dir: &tempfile::TempDir, schema: &str) -> Db {
    let url = format!("sqlite://{}", dir.path().join("a.db").display());
    let db = Db::connect(&url).await.unwrap();
    sqlx::raw_sql(schema).execute(&db.pool).await.unwrap();
    db
}

/// Commits `jobs` as the writer would, on a connection of its own.
async fn commit(db: &Db, jobs: Jobs) {
    commit::commit(&db.pool, db.kind, &mut None, jobs).await;
}

/// Rows put into `t` together, undone together.
struct Keys(&'static [&'static str]);

impl Write for Keys {
    type Output = u64;

    fn statements(&mut self, _: Option<&mut Head>) -> Vec<Statement<'_>> {
        let one = |k| ("INSERT INTO t (k) VALUES ($1)", vec![Arg::Text(k)]);
        self.0.iter().map(|k| one(*k)).collect()
    }

    fn output(self, rows: u64) -> AppResult<u64> {
        Ok(rows)
    }
}

#[tokio::test]
async fn a_write_of_several_statements_is_undone_whole_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(&dir, "CREATE TABLE t (k TEXT PRIMARY KEY)").await;
    // "c" goes in, then "a" fails: "c" is taken out again.
    let (jobs, answers) = queue([Keys(&["a", "b"]), Keys(&["c", "a"]), Keys(&["d"])]);

    commit(&db, jobs).await;

    let mut results = Vec::new();
    for answer in answers {
        results.push(answer.await.unwrap().is_ok());
    }
    assert_eq!(results, [true, false, true]);
    let keys: Vec<(String,)> = sqlx::query_as("SELECT k FROM t ORDER BY k")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let keys: Vec<&str> = keys.iter().map(|(k,)| k.as_str()).collect();
    assert_eq!(keys, ["a", "b", "d"]);
}

/// Three lesson saves in one batch, the second of which fills the disk (the file may not
/// grow, and its row needs a thousand pages more): after an error like that SQLite may
/// have rolled the whole transaction back, so the whole batch fails.
#[tokio::test]
async fn an_error_that_may_end_the_transaction_fails_the_whole_batch() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(
        &dir,
        "CREATE TABLE lessons (person_id TEXT NOT NULL, saved TEXT NOT NULL)",
    )
    .await;
    let mut conn = db.pool.acquire().await.unwrap();
    sqlx::query("PRAGMA max_page_count = 1000")
        .execute(&mut *conn)
        .await
        .unwrap();
    let doomed = "x".repeat(8 << 20);
    let (jobs, answers) = queue(["before", &doomed, "after"].map(|p| Save(p.to_string())));

    commit::commit(&db.pool, db.kind, &mut Some(conn), jobs).await;

    for answer in answers {
        let result = answer.await.unwrap();
        assert!(result.is_err(), "{result:?}");
    }
    let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM lessons")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(
        stored, 0,
        "a write of a failed batch was committed on its own"
    );
}

/// A lesson saved for a person.
struct Save(String);

impl Write for Save {
    type Output = ();

    fn statements(&mut self, _: Option<&mut Head>) -> Vec<Statement<'_>> {
        const SAVE: &str = "INSERT INTO lessons (person_id, saved) VALUES ($1, 'now')";
        vec![(SAVE, vec![Arg::Text(&self.0)])]
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
    let db = database(
        &dir,
        "CREATE TABLE links (chain TEXT NOT NULL, seq INTEGER NOT NULL, prev TEXT NOT NULL, \
           hash TEXT NOT NULL, tag TEXT NOT NULL UNIQUE, PRIMARY KEY (chain, seq))",
    )
    .await;
    let link = |tag| Link {
        tag,
        seq: 0,
        prev: String::new(),
    };
    let (jobs, answers) = queue([link("a"), link("b"), link("a"), link("c")]);

    commit(&db, jobs).await;

    let mut results = Vec::new();
    for answer in answers {
        results.push(answer.await.unwrap().map_err(|e| e.to_string()));
    }
    assert_eq!(
        results,
        [Ok(1), Ok(2), Err("that tag is taken".into()), Ok(3)]
    );
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT seq, prev FROM links ORDER BY seq")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let prevs = [(1, "genesis"), (2, "a"), (3, "b")].map(|(s, p)| (s, p.to_string()));
    assert_eq!(
        rows, prevs,
        "the third link follows the second, not the refused one"
    );
}
