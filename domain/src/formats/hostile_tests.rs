//! Hostile uploads: each is refused with a clear error, quickly, and without exhausting
//! memory or the stack, while a long but real document still reads.

use std::io::Write;

use super::extract_text;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A .docx holding `document_xml` as its main part.
fn docx(document_xml: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(document_xml.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// A Word body around `body`.
fn document(body: &str) -> String {
    format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#)
}

fn refusal(name: &str, bytes: &[u8]) -> String {
    match extract_text(name, bytes) {
        Ok(text) => panic!("{name} was read ({} bytes of text)", text.len()),
        Err(err) => err.to_string(),
    }
}

#[test]
fn a_zip_bomb_is_refused_after_reading_a_few_mib() {
    // 9 MiB of paragraphs that deflate to a few KiB.
    let para = "<w:p><w:r><w:t>a</w:t></w:r></w:p>";
    let bomb = docx(&document(&para.repeat(9 * 1024 * 1024 / para.len())));
    assert!(bomb.len() < 100 * 1024, "{}", bomb.len());
    let why = refusal("bomb.docx", &bomb);
    assert!(why.contains("zip bomb"), "{why}");
}

#[test]
fn deeply_nested_xml_is_refused_without_overflowing_the_stack() {
    let n = 200_000;
    let deep = docx(&document(&format!(
        "{}{}",
        "<w:p>".repeat(n),
        "</w:p>".repeat(n)
    )));
    let why = refusal("deep.docx", &deep);
    assert!(why.contains("deep"), "{why}");
}

#[test]
fn a_document_of_millions_of_elements_is_refused() {
    let many = docx(&document(&"<w:br/>".repeat(1_100_000)));
    let why = refusal("many.docx", &many);
    assert!(why.contains("elements"), "{why}");
}

#[test]
fn huge_text_is_refused() {
    let line = "1.1 Staff must report every concern to the safeguarding lead at once.\n\n";
    let huge = line.repeat(1024 * 1024 / line.len());
    let why = refusal("huge.txt", huge.as_bytes());
    assert!(why.contains("KiB of text"), "{why}");
    let para = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", line.trim());
    let long = docx(&document(&para.repeat(1024 * 1024 / para.len())));
    let why = refusal("long.docx", &long);
    assert!(why.contains("KiB of text"), "{why}");
}

#[test]
fn a_long_real_shaped_document_still_reads() {
    // Some 70 pages, marked up as Word does: revision ids, paragraph and run properties.
    let para = format!(
        r#"<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00B2C3D4" w:rsidP="00C3D4E5"><w:pPr><w:pStyle w:val="BodyText"/><w:spacing w:before="0" w:after="120" w:line="276" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr><w:r w:rsidRPr="00D4E5F6"><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        "Staff must report every concern to the designated safeguarding lead at once."
    );
    let xml = document(&para.repeat(2_400));
    assert!(xml.len() > 1024 * 1024, "{}", xml.len());
    let text = extract_text("long.docx", &docx(&xml)).unwrap();
    assert_eq!(text.matches("at once.").count(), 2_400);
}
