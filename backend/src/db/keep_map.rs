//! A SQLite VFS that keeps a database file's memory map across other connections' commits.
//!
//! SQLite drops a connection's whole map of the file whenever another connection has
//! committed since its last read (the pager asks the VFS to unmap everything, in case
//! the file was truncated), and maps it afresh at the next read: during the rush every
//! fast-lane reader did so after nearly every group commit, and tearing the map down
//! and faulting its pages back in was a fifth of the server's time. On Linux a shared
//! map follows the file's contents, so the only danger in keeping one is a file that
//! shrank under it. This VFS wraps the default `unix` one and changes one thing: it
//! keeps the map when the file is still the size it was when mapped, and unmaps as
//! SQLite asks when the size moved either way (a checkpoint that grew it, a VACUUM).

// The one module that speaks SQLite's C interface for file systems: raw pointers to the
// structures SQLite allocates, valid for the calls SQLite makes with them.
#![allow(unsafe_code)]

use std::ffi::{c_int, c_void, CStr};
use std::ptr;
use std::sync::OnceLock;

use rusqlite::ffi::{
    sqlite3_file, sqlite3_filename, sqlite3_int64, sqlite3_io_methods, sqlite3_vfs,
    sqlite3_vfs_find, sqlite3_vfs_register, SQLITE_ERROR, SQLITE_OK,
};

/// The VFS's name, for `Connection::open_with_flags_and_vfs`.
pub const NAME: &str = "attest-keep-map";
const NAME_C: &CStr = c"attest-keep-map";

#[cfg(test)]
thread_local! {
    /// How many times a connection on this thread kept its map rather than drop it.
    static KEPT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Registers the VFS (once per process); its name, or why it could not be.
pub fn register() -> Result<&'static str, String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            // SAFETY: the `unix` VFS is static in SQLite and never unregistered; the copy
            // is leaked so that it lives as long as the process, as SQLite requires.
            unsafe {
                let unix = sqlite3_vfs_find(c"unix".as_ptr());
                if unix.is_null() {
                    return Err("SQLite has no unix VFS".into());
                }
                let mut vfs: sqlite3_vfs = *unix;
                vfs.pNext = ptr::null_mut();
                vfs.zName = NAME_C.as_ptr();
                vfs.szOsFile = (std::mem::size_of::<Outer>() as c_int) + (*unix).szOsFile;
                vfs.xOpen = Some(open);
                // Every other method is the unix VFS's own, reading the same `pAppData`.
                let vfs = Box::leak(Box::new(vfs));
                BASE.get_or_init(|| Base(unix));
                match sqlite3_vfs_register(vfs, 0) {
                    SQLITE_OK => Ok(()),
                    rc => Err(format!("registering the keep-map VFS: error {rc}")),
                }
            }
        })
        .clone()
        .map(|()| NAME)
}

/// The wrapped `unix` VFS.
struct Base(*mut sqlite3_vfs);
// SAFETY: a pointer to SQLite's static, thread-safe VFS object.
unsafe impl Send for Base {}
unsafe impl Sync for Base {}
static BASE: OnceLock<Base> = OnceLock::new();

/// An open file: SQLite's header, the size the file had when last mapped, then the
/// unix VFS's own file object (`szOsFile` bytes), which every method is handed on to.
#[repr(C)]
struct Outer {
    base: sqlite3_file,
    /// The file's size when the unix VFS last mapped it; -1 when it holds no map.
    mapped_size: sqlite3_int64,
    /// Keeps the inner file aligned for any type it holds.
    _align: [u64; 0],
}

/// The unix VFS's file inside `file`.
unsafe fn inner(file: *mut sqlite3_file) -> *mut sqlite3_file {
    file.cast::<u8>().add(std::mem::size_of::<Outer>()).cast()
}

/// The inner file's method table.
unsafe fn methods(file: *mut sqlite3_file) -> &'static sqlite3_io_methods {
    &*(*inner(file)).pMethods
}

unsafe extern "C" fn open(
    _vfs: *mut sqlite3_vfs,
    name: sqlite3_filename,
    file: *mut sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    let Some(Base(unix)) = BASE.get() else {
        return SQLITE_ERROR;
    };
    let outer = file.cast::<Outer>();
    (*outer).base.pMethods = ptr::null();
    (*outer).mapped_size = -1;
    let Some(unix_open) = (**unix).xOpen else {
        return SQLITE_ERROR;
    };
    let rc = unix_open(*unix, name, inner(file), flags, out_flags);
    if rc == SQLITE_OK && !(*inner(file)).pMethods.is_null() {
        // Only a file the unix VFS opened gets methods, so SQLite closes only those.
        (*outer).base.pMethods = &METHODS;
    }
    rc
}

/// Keeps the map when SQLite asks to drop all of it and the file's size has not moved;
/// anything else goes to the unix VFS.
unsafe extern "C" fn unfetch(
    file: *mut sqlite3_file,
    offset: sqlite3_int64,
    page: *mut c_void,
) -> c_int {
    let outer = file.cast::<Outer>();
    if page.is_null() {
        if (*outer).mapped_size >= 0 && size_of_file(file) == Some((*outer).mapped_size) {
            #[cfg(test)]
            KEPT.with(|k| k.set(k.get() + 1));
            return SQLITE_OK;
        }
        (*outer).mapped_size = -1;
    }
    pass_unfetch(file, offset, page)
}

/// Notes the file's size before the unix VFS maps it (a fetch with no map makes one): if
/// the file grows in between, the next check just sees a new size and maps again.
unsafe extern "C" fn fetch(
    file: *mut sqlite3_file,
    offset: sqlite3_int64,
    amount: c_int,
    page: *mut *mut c_void,
) -> c_int {
    let outer = file.cast::<Outer>();
    if (*outer).mapped_size < 0 {
        (*outer).mapped_size = size_of_file(file).unwrap_or(-1);
    }
    pass_fetch(file, offset, amount, page)
}

/// Hands a method on to the unix VFS's file, unchanged (an error if it has none: a panic
/// must not cross into C).
macro_rules! pass_on {
    ($name:ident, $field:ident, ($($arg:ident: $ty:ty),*)) => {
        unsafe extern "C" fn $name(file: *mut sqlite3_file $(, $arg: $ty)*) -> c_int {
            match methods(file).$field {
                Some(method) => method(inner(file) $(, $arg)*),
                None => SQLITE_ERROR,
            }
        }
    };
}

pass_on!(close, xClose, ());
pass_on!(read, xRead, (buf: *mut c_void, amount: c_int, offset: sqlite3_int64));
pass_on!(write, xWrite, (buf: *const c_void, amount: c_int, offset: sqlite3_int64));
pass_on!(truncate, xTruncate, (size: sqlite3_int64));
pass_on!(sync, xSync, (flags: c_int));
pass_on!(file_size, xFileSize, (size: *mut sqlite3_int64));
pass_on!(lock, xLock, (level: c_int));
pass_on!(unlock, xUnlock, (level: c_int));
pass_on!(check_reserved_lock, xCheckReservedLock, (out: *mut c_int));
pass_on!(file_control, xFileControl, (op: c_int, arg: *mut c_void));
pass_on!(sector_size, xSectorSize, ());
pass_on!(device_characteristics, xDeviceCharacteristics, ());
pass_on!(shm_map, xShmMap, (region: c_int, size: c_int, extend: c_int, out: *mut *mut c_void));
pass_on!(shm_lock, xShmLock, (offset: c_int, n: c_int, flags: c_int));
pass_on!(shm_unmap, xShmUnmap, (delete: c_int));

pass_on!(pass_fetch, xFetch, (offset: sqlite3_int64, amount: c_int, page: *mut *mut c_void));
pass_on!(pass_unfetch, xUnfetch, (offset: sqlite3_int64, page: *mut c_void));

unsafe extern "C" fn shm_barrier(file: *mut sqlite3_file) {
    if let Some(method) = methods(file).xShmBarrier {
        method(inner(file));
    }
}

/// The file's size, if the unix VFS can tell.
unsafe fn size_of_file(file: *mut sqlite3_file) -> Option<sqlite3_int64> {
    let mut size: sqlite3_int64 = 0;
    (file_size(file, &mut size) == SQLITE_OK).then_some(size)
}

static METHODS: sqlite3_io_methods = sqlite3_io_methods {
    iVersion: 3,
    xClose: Some(close),
    xRead: Some(read),
    xWrite: Some(write),
    xTruncate: Some(truncate),
    xSync: Some(sync),
    xFileSize: Some(file_size),
    xLock: Some(lock),
    xUnlock: Some(unlock),
    xCheckReservedLock: Some(check_reserved_lock),
    xFileControl: Some(file_control),
    xSectorSize: Some(sector_size),
    xDeviceCharacteristics: Some(device_characteristics),
    xShmMap: Some(shm_map),
    xShmLock: Some(shm_lock),
    xShmBarrier: Some(shm_barrier),
    xShmUnmap: Some(shm_unmap),
    xFetch: Some(fetch),
    xUnfetch: Some(unfetch),
};

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::KEPT;
    use crate::db::lite::Lite;

    fn kept() -> u64 {
        KEPT.with(|k| k.get())
    }

    #[test]
    fn readers_keep_their_map_while_the_file_keeps_its_size_and_see_every_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.db");
        let setup = Connection::open(&path).unwrap();
        setup
            .execute_batch(
                "PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER NOT NULL, b BLOB NOT NULL); \
                 WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 500) \
                 INSERT INTO t SELECT i, randomblob(3000) FROM k",
            )
            .unwrap();
        setup
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        let lite = Lite::new(&path).unwrap();
        let writer = lite.connect_writer().unwrap();
        let sum = || {
            lite.read(|c| {
                c.query_row("SELECT SUM(n), COUNT(*) FROM t", [], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
                })
            })
            .unwrap()
        };
        let (mut total, mut rows) = sum();
        assert_eq!((total, rows), (125_250, 500));
        let before = kept();
        // Small commits land in the log, not the file: its size stays, and the map with it.
        for n in 1..=20 {
            writer
                .execute("UPDATE t SET n = n + 1 WHERE rowid = ?1", [n])
                .unwrap();
            total += 1;
            assert_eq!(sum(), (total, rows), "after update {n}");
        }
        assert!(kept() >= before + 20, "kept {} times", kept() - before);

        // The file grows at a checkpoint: the readers map it again and see the new pages.
        writer
            .execute_batch(
                "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 500) \
                 INSERT INTO t SELECT 1, randomblob(3000) FROM k",
            )
            .unwrap();
        setup
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        (total, rows) = (total + 500, rows + 500);
        assert_eq!(sum(), (total, rows));

        // The file shrinks (a VACUUM): the readers must not keep a map past its end.
        setup
            .execute_batch("DELETE FROM t WHERE n = 1; VACUUM;")
            .unwrap();
        setup
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        let shrunk = std::fs::metadata(&path).unwrap().len();
        assert!(shrunk < 2_500_000, "the file shrank to {shrunk} bytes");
        assert_eq!(sum(), (total - 500, rows - 500));
    }
}
