//! Hostile uploads sent together are each refused with a clear 422, and the server goes on.
//! (Their memory is measured by `scripts/upload-rss.py`.)

use std::io::Write;

use super::support::*;
use crate::helpers::{spawn_app, Backend, TestApp};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A .docx whose main part is a Word body around `body`.
fn docx(body: &str) -> Vec<u8> {
    let xml = format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#);
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}

/// A PDF-shaped file whose one stream inflates to 64 MiB.
fn pdf_bomb() -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&vec![b' '; 64 * 1024 * 1024]).unwrap();
    let data = z.finish().unwrap();
    let mut pdf = b"%PDF-1.4\n4 0 obj\n<< /Filter /FlateDecode >>\nstream\n".to_vec();
    pdf.extend_from_slice(&data);
    pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
    pdf
}

/// A zip bomb, XML nested 200,000 deep, a megabyte of text and a PDF bomb: what each is
/// refused for.
fn hostile() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let para = "<w:p><w:r><w:t>a</w:t></w:r></w:p>";
    let line = "1.1 Staff must report every concern to the safeguarding lead at once.\n\n";
    vec![
        (
            "bomb.docx",
            docx(&para.repeat(9 * 1024 * 1024 / para.len())),
            "zip bomb",
        ),
        (
            "deep.docx",
            docx(&format!(
                "{}{}",
                "<w:p>".repeat(200_000),
                "</w:p>".repeat(200_000)
            )),
            "deep",
        ),
        (
            "huge.txt",
            line.repeat(1024 * 1024 / line.len()).into_bytes(),
            "KiB of text",
        ),
        ("bomb.pdf", pdf_bomb(), "zip bomb"),
    ]
}

async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    school: &str,
    name: &str,
    body: Vec<u8>,
) -> (u16, String) {
    let res = client
        .post(app.url(&format!("/api/schools/{school}/drafts?file_name={name}")))
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body: serde_json::Value = res.json().await.unwrap();
    (
        status,
        body["message"].as_str().unwrap_or_default().to_string(),
    )
}

// Reading files does not touch the database: SQLite alone.
#[tokio::test]
async fn hostile_uploads_sent_together_are_refused_and_the_server_goes_on() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;

    // Two of each at once.
    let files: Vec<_> = hostile().into_iter().chain(hostile()).collect();
    let answers = futures_util::future::join_all(
        files
            .iter()
            .map(|(name, body, _)| upload(&app, &client, &school, name, body.clone())),
    )
    .await;

    for ((name, _, why), (status, message)) in files.iter().zip(&answers) {
        assert_eq!(*status, 422, "{name}: {message}");
        assert!(message.contains(why), "{name}: {message}");
    }
    let sample = std::fs::read(
        crate::helpers::workspace_dir().join("content/policies/chad-vale-primary.txt"),
    )
    .unwrap();
    let (status, message) = upload(&app, &client, &school, "policy.txt", sample).await;
    assert_eq!(status, 201, "{message}");
}
