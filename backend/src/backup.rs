//! `attest backup` and `attest restore`: consistent snapshots of a SQLite database.
//!
//! A backup is taken with `VACUUM INTO`, which reads one consistent snapshot while
//! the server keeps serving. A restore checks the file (it opens, it has Attest's
//! schema, every attestation chain verifies) before it replaces anything.
//! PostgreSQL deployments use `pg_dump`/`pg_restore` (see docs/deploy.md).

use std::path::{Path, PathBuf};

use crate::chain::{verify_all, ChainReport};
use crate::db::file_lock::FileLock;
use crate::db::{Db, DbKind};
use crate::error::{AppError, AppResult};
use crate::on_db;

/// Writes a consistent snapshot of the database to `target` (which must not exist).
pub async fn backup(db: &Db, target: &Path) -> AppResult<()> {
    if db.kind() != DbKind::Sqlite {
        return Err(AppError::Internal(
            "on PostgreSQL, back up with pg_dump (see docs/deploy.md)".into(),
        ));
    }
    if target.exists() {
        return Err(AppError::Internal(format!(
            "{} already exists; choose a new file name",
            target.display()
        )));
    }
    let path = target
        .to_str()
        .ok_or_else(|| AppError::Internal("the backup path is not valid UTF-8".into()))?;
    on_db!(db, |e| sqlx::query("VACUUM INTO $1")
        .bind(path)
        .execute(e)
        .await
        .rows_affected())?;
    Ok(())
}

/// Checks a backup file and returns what its chains say, without changing it.
pub async fn check_backup(file: &Path) -> AppResult<ChainReport> {
    if !file.is_file() {
        return Err(AppError::Internal(format!(
            "{} is not a file",
            file.display()
        )));
    }
    // Open a copy, so that checking (which migrates) never writes to the backup itself.
    let scratch = tempdir_path(file)?;
    std::fs::copy(file, &scratch)?;
    let result = async {
        let db = Db::connect(&format!("sqlite://{}", scratch.display())).await?;
        let report = verify_all(&db).await;
        db.pool.close().await;
        report
    }
    .await;
    let _ = std::fs::remove_file(&scratch);
    let report = result.map_err(|e| {
        AppError::Internal(format!(
            "{} is not a usable Attest backup: {e}",
            file.display()
        ))
    })?;
    if !report.is_intact() {
        return Err(AppError::Internal(format!(
            "the backup's attestation chains do not verify:\n{}",
            report.describe()
        )));
    }
    Ok(report)
}

/// Replaces the SQLite database at `database` with a checked copy of `file`.
///
/// The server must be stopped (a running one holds the database's lock, and the restore is
/// refused): the old file and its WAL are moved aside (kept as
/// `.before-restore`), never deleted.
pub async fn restore(file: &Path, database: &Path) -> AppResult<ChainReport> {
    // Refused while a server has the database open; no server starts until it is done.
    let _in_use = FileLock::restoring(database)?;
    let report = check_backup(file).await?;
    if database.exists() {
        let aside = database.with_extension("db.before-restore");
        std::fs::rename(database, &aside)?;
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", database.display()));
            if side.exists() {
                std::fs::rename(&side, PathBuf::from(format!("{}{suffix}", aside.display())))?;
            }
        }
    }
    if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // Copy to a temporary name and rename, so a crash never leaves half a database.
    let partial = database.with_extension("db.restoring");
    std::fs::copy(file, &partial)?;
    std::fs::rename(&partial, database)?;
    Ok(report)
}

fn tempdir_path(file: &Path) -> AppResult<PathBuf> {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("backup");
    Ok(std::env::temp_dir().join(format!(
        "attest-check-{}-{name}",
        crate::db::ids::random_hex(6)
    )))
}

/// The file path of a `sqlite://` URL, or an error for other databases.
pub fn sqlite_path(url: &str) -> AppResult<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or_else(|| {
            AppError::Internal("on PostgreSQL, restore with pg_restore (see docs/deploy.md)".into())
        })?;
    Ok(PathBuf::from(rest.split('?').next().unwrap_or(rest)))
}
