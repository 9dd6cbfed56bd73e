//! The single-page app's files: precompressed copies are sent to clients that accept them,
//! and client-side routes still load index.html. Not storage, so SQLite only.

use crate::helpers::{spawn_app, Backend, TestApp};

const INDEX: &str = "<!doctype html><title>Attest</title><script src=\"/app-1a2b3c.js\"></script>";
const WASM: &[u8] = b"\0asm plain module bytes";
// Stand-ins for compressed bodies: the server must send these bytes as they are.
const WASM_BR: &[u8] = b"brotli copy of the module";
const WASM_GZ: &[u8] = b"gzip copy of the module";
const INDEX_BR: &[u8] = b"brotli copy of index.html";

/// A built app in the app's dist directory, as Trunk and tools/precompress.mjs leave it.
fn write_dist(app: &TestApp) {
    let dist = app.dist_dir();
    std::fs::create_dir_all(&dist).unwrap();
    for (name, body) in [
        ("index.html", INDEX.as_bytes()),
        ("index.html.br", INDEX_BR),
        ("attest-frontend-1a2b3c_bg.wasm", WASM),
        ("attest-frontend-1a2b3c_bg.wasm.br", WASM_BR),
        ("attest-frontend-1a2b3c_bg.wasm.gz", WASM_GZ),
        // No precompressed copy: compressed on the fly instead.
        (
            "style-4d5e6f.css",
            "body { margin: 0 } ".repeat(50).as_bytes(),
        ),
    ] {
        std::fs::write(dist.join(name), body).unwrap();
    }
}

async fn get(app: &TestApp, path: &str, accept: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("accept-encoding", accept)
        .send()
        .await
        .unwrap()
}

fn header<'a>(res: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    res.headers().get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn hashed_wasm_is_sent_precompressed_in_the_best_encoding_the_client_accepts() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    write_dist(&app);
    let path = "/attest-frontend-1a2b3c_bg.wasm";

    let res = get(&app, path, "br, gzip").await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-encoding"), Some("br"));
    assert_eq!(header(&res, "content-type"), Some("application/wasm"));
    assert!(header(&res, "vary").is_some_and(|v| v.contains("accept-encoding")));
    assert!(header(&res, "content-security-policy").is_some());
    assert!(header(&res, "last-modified").is_some());
    assert_eq!(res.bytes().await.unwrap().as_ref(), WASM_BR);

    let res = get(&app, path, "gzip").await;
    assert_eq!(header(&res, "content-encoding"), Some("gzip"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), WASM_GZ);

    let res = get(&app, path, "identity").await;
    assert_eq!(header(&res, "content-encoding"), None);
    assert_eq!(res.bytes().await.unwrap().as_ref(), WASM);
}

#[tokio::test]
async fn deep_links_load_index_html_precompressed_and_files_without_a_copy_are_compressed_live() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    write_dist(&app);

    for path in ["/", "/training", "/manage/schools/3/matrix"] {
        let res = get(&app, path, "br, gzip").await;
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(header(&res, "content-encoding"), Some("br"), "{path}");
        assert!(header(&res, "content-type").is_some_and(|t| t.starts_with("text/html")));
        assert_eq!(res.bytes().await.unwrap().as_ref(), INDEX_BR, "{path}");

        let res = get(&app, path, "identity").await;
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.text().await.unwrap(), INDEX, "{path}");
    }

    // No .gz of index.html: gzip-only clients get it compressed on the fly.
    let res = get(&app, "/training", "gzip").await;
    assert_eq!(header(&res, "content-encoding"), Some("gzip"));

    let res = get(&app, "/style-4d5e6f.css", "br, gzip").await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-encoding"), Some("br"));
    assert!(res.bytes().await.unwrap().len() < 50 * 19);

    // API JSON is still compressed on the fly.
    let res = app
        .client
        .get(app.url("/api/openapi.json"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-encoding"), Some("br"));
}
