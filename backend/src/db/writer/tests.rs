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
