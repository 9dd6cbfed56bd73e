//! Statement arguments as values: a write's statements are handed to the group-commit
//! writer as SQL with its arguments, and bound when the writer runs them.

/// A statement argument.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text.
    Text(&'a str),
    /// An integer.
    Int(i64),
    /// SQL NULL.
    Null,
}

/// `sql` with `args` bound.
pub fn query<'q>(
    sql: &'q str,
    args: &[Arg<'q>],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    args.iter()
        .fold(sqlx::query(sql), |query, arg| bind(query, *arg))
}

/// `query` with `arg` bound next.
pub fn bind<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    arg: Arg<'q>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    match arg {
        Arg::Text(s) => query.bind(s),
        Arg::Int(i) => query.bind(i),
        Arg::Null => query.bind(None::<&str>),
    }
}
