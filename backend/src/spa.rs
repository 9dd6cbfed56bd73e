//! The built single-page app's files, sent precompressed where the build left copies.

use std::path::{Path, PathBuf};

use axum::http::{header, HeaderValue};
use tower::Layer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

/// The file-name endings of the precompressed copies the build writes (tools/precompress.mjs).
const COPIES: [&str; 2] = ["br", "gz"];

/// The app's files; client-side routes (/training, /modules/…) all load index.html, and
/// the app routes itself.
///
/// The build writes brotli-11 and gzip-9 copies beside each file, which are sent as they
/// are to clients that accept them: smaller than on-the-fly compression, and no CPU per
/// request. Files without a copy are compressed on the fly by the router's layer. If a copy
/// is older than its file (the file was changed after the build), none are used, so a
/// client never gets content that differs from the file.
pub fn service(dist_dir: &Path) -> SetResponseHeader<ServeDir<ServeFile>, HeaderValue> {
    // What is sent depends on Accept-Encoding, so caches must keep the variants apart (the
    // compression layer says so only for what it compresses itself).
    SetResponseHeaderLayer::if_not_present(
        header::VARY,
        HeaderValue::from_static("accept-encoding"),
    )
    .layer(files(dist_dir))
}

fn files(dist_dir: &Path) -> ServeDir<ServeFile> {
    let stale = stale_copies(dist_dir);
    let index = ServeFile::new(dist_dir.join("index.html"));
    if stale.is_empty() {
        return ServeDir::new(dist_dir)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(index.precompressed_br().precompressed_gzip());
    }
    tracing::warn!(
        ?stale,
        "precompressed copies older than their files; serving without them (rebuild the app)"
    );
    ServeDir::new(dist_dir).fallback(index)
}

/// Precompressed copies in `dir` (and below) written before the file they copy, or without it.
fn stale_copies(dir: &Path) -> Vec<PathBuf> {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stale = Vec::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            stale.extend(stale_copies(&path));
            continue;
        }
        let is_copy = path
            .extension()
            .is_some_and(|e| COPIES.iter().any(|c| e == *c));
        if !is_copy {
            continue;
        }
        // A copy whose file is gone would be sent for it too.
        match (modified(&path), modified(&path.with_extension(""))) {
            (Some(copy), Some(file)) if copy >= file => {}
            _ => stale.push(path),
        }
    }
    stale
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn write(path: &Path, age_secs: u64) {
        std::fs::write(path, b"x").unwrap();
        let when = SystemTime::now() - Duration::from_secs(age_secs);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }

    #[test]
    fn a_copy_older_than_its_file_is_stale_and_a_fresh_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(&d.join("app-1a2b.wasm"), 60);
        write(&d.join("app-1a2b.wasm.br"), 50);
        write(&d.join("app-1a2b.wasm.gz"), 50);
        write(&d.join("style.css"), 10);
        assert!(stale_copies(d).is_empty());

        write(&d.join("gone.js.gz"), 50);
        assert_eq!(stale_copies(d), vec![d.join("gone.js.gz")]);
        std::fs::remove_file(d.join("gone.js.gz")).unwrap();

        // index.html edited after the build: its copies no longer match it.
        std::fs::create_dir(d.join("sub")).unwrap();
        write(&d.join("sub/index.html.br"), 60);
        write(&d.join("sub/index.html"), 5);
        assert_eq!(stale_copies(d), vec![d.join("sub/index.html.br")]);
    }
}
