//! Multi-row INSERTs with typed parameters, for writing many rows in few statements.

use super::Tx;
use crate::error::AppResult;

/// One column value of a row to insert.
#[derive(Debug, Clone)]
pub enum Cell {
    /// A TEXT value.
    Text(String),
    /// An INTEGER / BIGINT value.
    Int(i64),
    /// A TEXT column's NULL.
    Null,
    /// An INTEGER column's NULL (PostgreSQL checks the bound type).
    NullInt,
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}

/// Parameters per statement: SQLite looks each one up by name, so long lists cost quadratically.
const MAX_PARAMS: usize = 900;

/// Numbered placeholders `$from, $from+1, …`, `count` of them, comma-separated.
pub fn marks(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Inserts `rows` into `table` in as few statements as the parameter limits allow.
pub async fn insert(
    tx: &mut Tx,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Cell>],
) -> AppResult<()> {
    let per_statement = (MAX_PARAMS / columns.len().max(1)).clamp(1, 2_000);
    for chunk in rows.chunks(per_statement) {
        let sql = statement(table, columns, chunk.len());
        crate::on_db!(tx, |e| {
            let mut query = sqlx::query(&sql);
            for row in chunk {
                for cell in row {
                    query = match cell {
                        Cell::Text(s) => query.bind(s.as_str()),
                        Cell::Int(n) => query.bind(*n),
                        Cell::Null => query.bind(None::<String>),
                        Cell::NullInt => query.bind(None::<i64>),
                    };
                }
            }
            query.execute(e).await.rows_affected()
        })?;
    }
    Ok(())
}

/// `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)…` for `rows` rows.
fn statement(table: &str, columns: &[&str], rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..columns.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            n += 1;
            sql.push('$');
            sql.push_str(&n.to_string());
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_count_on_from_where_they_start() {
        assert_eq!(marks(2, 3), "$2, $3, $4");
        assert_eq!(marks(1, 0), "");
    }

    #[test]
    fn placeholders_number_across_rows() {
        assert_eq!(
            statement("t", &["a", "b"], 2),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
    }
}
