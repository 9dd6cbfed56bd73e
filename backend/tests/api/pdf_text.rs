//! Reading a PDF back as text, with poppler's `pdftotext`.
//!
//! Shared with the browser tests (`tests/e2e/main.rs` includes this file by path).

/// A PDF's text as poppler's `pdftotext` reads it (installed by scripts/setup-test.sh).
pub fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
