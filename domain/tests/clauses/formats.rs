//! Document formats: .docx and .pdf fixtures give the same clauses as the .txt; bad files get clear errors.

use attest_domain::clauses::ClauseSet;
use attest_domain::formats::{extract_text, parse_document, MAX_BYTES};
use attest_domain::DomainError;

use crate::helpers::sample;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ids_and_texts(set: &ClauseSet) -> Vec<(String, String)> {
    set.clauses
        .iter()
        .map(|c| (c.id.clone(), c.text.clone()))
        .collect()
}

fn assert_same_clauses(stem: &str, ext: &str) {
    let from_txt = sample(stem);
    let name = format!("{stem}.{ext}");
    let from_file =
        parse_document(&name, &fixture(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let (a, b) = (ids_and_texts(&from_txt), ids_and_texts(&from_file));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "{name}");
    }
    assert_eq!(a.len(), b.len(), "{name}");
    assert_eq!(from_txt.policy, from_file.policy, "{name}");
}

#[test]
fn chad_vale_docx_with_word_list_numbering_gives_the_same_clauses_as_the_text() {
    assert_same_clauses("chad-vale-primary", "docx");
}

#[test]
fn cameley_docx_gives_the_same_clauses_as_the_text() {
    assert_same_clauses("cameley-primary", "docx");
}

#[test]
fn chad_vale_pdf_gives_the_same_clauses_as_the_text() {
    assert_same_clauses("chad-vale-primary", "pdf");
}

#[test]
fn cameley_pdf_gives_the_same_clauses_as_the_text() {
    assert_same_clauses("cameley-primary", "pdf");
}

#[test]
fn windows_1252_text_is_converted() {
    let bytes = b"Staff must not post \x93friend\x94 requests \x96 ever.\n";
    let text = extract_text("policy.txt", bytes).expect("decode");
    assert_eq!(
        text,
        "Staff must not post \u{201c}friend\u{201d} requests \u{2013} ever.\n"
    );
}

#[test]
fn utf8_with_a_byte_order_mark_is_read() {
    let text = extract_text(
        "policy.md",
        "\u{feff}1. Staff must report concerns.".as_bytes(),
    )
    .expect("decode");
    assert!(text.ends_with("Staff must report concerns."));
}

fn unreadable(name: &str, bytes: &[u8]) -> String {
    match extract_text(name, bytes) {
        Err(DomainError::Unreadable(why)) => why,
        other => panic!("{name}: expected Unreadable, got {other:?}"),
    }
}

#[test]
fn empty_files_are_refused_as_empty() {
    assert_eq!(extract_text("policy.txt", b""), Err(DomainError::Empty));
    assert_eq!(extract_text("policy.pdf", b"  \n"), Err(DomainError::Empty));
}

#[test]
fn binary_data_is_refused() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    assert!(unreadable("policy.txt", &bytes).contains("binary"));
}

#[test]
fn a_zip_that_is_not_a_docx_is_refused() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
            .expect("zip");
        std::io::Write::write_all(&mut zip, b"hello").expect("zip");
        zip.finish().expect("zip");
    }
    assert!(unreadable("policy.docx", buf.get_ref()).contains("not a Word document"));
    assert!(unreadable("policy.docx", b"this is not a zip").contains("not a zip"));
}

#[test]
fn encrypted_and_broken_pdfs_are_refused() {
    let encrypted =
        b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R /Encrypt 2 0 R >>\n%%EOF";
    assert!(unreadable("policy.pdf", encrypted).contains("encrypted"));
    assert!(!unreadable("policy.pdf", b"%PDF-1.7\ngarbage\n%%EOF").is_empty());
    assert!(unreadable("policy.pdf", b"not a pdf at all").contains("not a PDF"));
}

#[test]
fn a_pdf_without_a_text_layer_is_refused() {
    let pdf = fixture("chad-vale-primary.pdf");
    // Blank out every text-showing operator's content stream by truncating to the header only.
    let truncated = &pdf[..pdf.len().min(16)];
    assert!(!unreadable("scan.pdf", truncated).is_empty());
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let big = vec![b'a'; MAX_BYTES + 1];
    assert!(matches!(
        extract_text("big.txt", &big),
        Err(DomainError::TooLarge { .. })
    ));
}

#[test]
fn old_word_files_are_refused_with_advice() {
    assert!(unreadable("policy.doc", b"\xd0\xcf\x11\xe0").contains(".docx"));
}
