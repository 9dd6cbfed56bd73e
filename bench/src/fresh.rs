//! A fresh, throw-away database for one benchmark trust: a SQLite file or a PostgreSQL database.

use std::path::PathBuf;

use attest::db::ids::random_hex;
use attest::db::DbKind;
use attest::error::AppResult;

/// A fresh database for one trust, removed afterwards.
#[derive(Debug)]
pub struct Fresh {
    /// Its URL.
    pub url: String,
    dir: Option<PathBuf>,
    admin: Option<(String, String)>,
}

impl Fresh {
    /// Makes a new SQLite file (in the temporary directory) or PostgreSQL database on `postgres_url`'s server.
    pub async fn new(kind: DbKind, postgres_url: &str) -> AppResult<Fresh> {
        let name = format!("attest_bench_{}", random_hex(4));
        match kind {
            DbKind::Sqlite => {
                let dir = std::env::temp_dir().join(&name);
                Ok(Fresh {
                    url: format!("sqlite://{}/attest.db", dir.display()),
                    dir: Some(dir),
                    admin: None,
                })
            }
            DbKind::Postgres => {
                admin_execute(postgres_url, &format!("CREATE DATABASE {name}")).await?;
                let base = postgres_url
                    .rsplit_once('/')
                    .map_or(postgres_url, |(b, _)| b);
                Ok(Fresh {
                    url: format!("{base}/{name}"),
                    dir: None,
                    admin: Some((postgres_url.to_string(), name)),
                })
            }
        }
    }

    /// Removes the file or drops the database (a failure to drop is only reported).
    pub async fn drop_it(self) {
        if let Some(dir) = self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some((admin, name)) = self.admin {
            if let Err(e) =
                admin_execute(&admin, &format!("DROP DATABASE {name} WITH (FORCE)")).await
            {
                eprintln!("could not drop bench database {name}: {e}");
            }
        }
    }
}

async fn admin_execute(url: &str, sql: &str) -> AppResult<()> {
    use sqlx::{ConnectOptions, Connection};
    use std::str::FromStr;
    let mut conn = sqlx::postgres::PgConnectOptions::from_str(url)?
        .connect()
        .await?;
    sqlx::query(sql).execute(&mut conn).await?;
    conn.close().await?;
    Ok(())
}
