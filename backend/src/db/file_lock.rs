//! The lock file beside a SQLite database that says it is in use.
//!
//! `attest restore` renames the database aside and puts the backup in its place: a server
//! still running would go on writing (and acknowledging) into the renamed file, and those
//! writes would be lost. So every server holds a shared OS lock on `<database>.lock` for
//! its whole life (released by the OS however the process ends), and a restore takes it
//! exclusively, refusing while any server holds it. The lock file itself is never moved or
//! deleted, so both sides always lock the same file.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{AppError, AppResult};

/// A held lock on a database's lock file; released when dropped.
#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

/// Where the lock for `database` lives: beside it, named after it.
pub fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

impl FileLock {
    /// The lock a server holds while it serves `database`: shared, so that several
    /// servers may share a file, and any one of them keeps a restore out.
    pub fn serving(database: &Path) -> AppResult<FileLock> {
        let file = open(database)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(FileLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(AppError::Internal(format!(
                "{} is being restored; start the server once the restore has finished",
                database.display()
            ))),
            Err(TryLockError::Error(err)) => Err(err.into()),
        }
    }

    /// The lock a restore holds while it replaces `database`: exclusive, so that it is
    /// refused while a server has the database open, and no server starts meanwhile.
    pub fn restoring(database: &Path) -> AppResult<FileLock> {
        let file = open(database)?;
        match file.try_lock() {
            Ok(()) => Ok(FileLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(AppError::Internal(format!(
                "a running Attest server is using {}: stop it before restoring (writes it \
                 accepted during a restore would be lost)",
                database.display()
            ))),
            Err(TryLockError::Error(err)) => Err(err.into()),
        }
    }
}

/// Opens (creating it, and its directory, if need be) the lock file for `database`.
fn open(database: &Path) -> AppResult<File> {
    if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    Ok(OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path(database))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers_share_the_lock_and_keep_a_restore_out() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("attest.db");
        let one = FileLock::serving(&db).unwrap();
        let two = FileLock::serving(&db).unwrap();
        assert!(FileLock::restoring(&db).is_err());
        drop((one, two));
        let restore = FileLock::restoring(&db).unwrap();
        assert!(FileLock::serving(&db).is_err());
        drop(restore);
        assert!(FileLock::serving(&db).is_ok());
    }
}
