//! The app's first load: bytes transferred (compressed) and time until sign-in is usable.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use serde::Serialize;

use attest::error::{AppError, AppResult};

use crate::config::BenchArgs;

/// What the first visit costs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FirstLoad {
    /// Bytes on the wire for index.html, JS, WASM and CSS with `Accept-Encoding: br, gzip`.
    pub transfer_kb: f64,
    /// The same files uncompressed.
    pub uncompressed_kb: f64,
    /// Each file: (path, encoding, bytes on the wire).
    pub files: Vec<(String, String, usize)>,
    /// From navigation to an enabled email field in headless Chromium (cold cache), if measured.
    pub usable_ms: Option<f64>,
}

/// Fetches the app's files as a browser would and adds up their compressed sizes.
pub async fn transfer(http: &reqwest::Client, base: &str) -> AppResult<FirstLoad> {
    let (index, mut load) = fetch(http, base, "/").await?;
    let html = String::from_utf8_lossy(&index).to_string();
    let mut assets: Vec<String> = html
        .split(['"', '\''])
        .filter(|s| s.starts_with('/') && [".js", ".wasm", ".css"].iter().any(|e| s.ends_with(e)))
        .map(str::to_string)
        .collect();
    assets.sort();
    assets.dedup();
    if assets.is_empty() {
        return Err(AppError::Internal(
            "index.html names no JS, WASM or CSS: build the app first (trunk build --release)"
                .into(),
        ));
    }
    for path in assets {
        let (_, more) = fetch(http, base, &path).await?;
        load.transfer_kb += more.transfer_kb;
        load.uncompressed_kb += more.uncompressed_kb;
        load.files.extend(more.files);
    }
    Ok(load)
}

async fn fetch(http: &reqwest::Client, base: &str, path: &str) -> AppResult<(Vec<u8>, FirstLoad)> {
    let get = |encoding: &'static str| {
        http.get(format!("{base}{path}"))
            .header("accept-encoding", encoding)
            .send()
    };
    let failed = |e: reqwest::Error| AppError::Internal(format!("GET {path}: {e}"));
    let res = get("br, gzip").await.map_err(failed)?;
    let encoding = res
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity")
        .to_string();
    let wire = res.bytes().await.map_err(failed)?.len();
    let plain = get("identity")
        .await
        .map_err(failed)?
        .bytes()
        .await
        .map_err(failed)?;
    Ok((
        plain.to_vec(),
        FirstLoad {
            transfer_kb: wire as f64 / 1024.0,
            uncompressed_kb: plain.len() as f64 / 1024.0,
            files: vec![(path.to_string(), encoding, wire)],
            usable_ms: None,
        },
    ))
}

/// Loads the app in a fresh headless Chromium and times until the sign-in email field is enabled.
pub async fn time_to_sign_in(base: &str, args: &BenchArgs) -> AppResult<f64> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let driver = Command::new(&args.chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let _driver = Killed(driver);
    let profile = std::env::temp_dir().join(format!("attest-bench-chrome-{port}"));
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": args.chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-background-networking",
                     format!("--user-data-dir={}", profile.display())]
        }
    });
    let caps = caps.as_object().cloned().unwrap_or_default();
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(_) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(100)).await
            }
            Err(e) => return Err(AppError::Internal(format!("no browser session: {e}"))),
        }
    };
    let browser = |e: fantoccini::error::CmdError| AppError::Internal(format!("browser: {e}"));
    client.goto("about:blank").await.map_err(browser)?;
    let started = Instant::now();
    client.goto(base).await.map_err(browser)?;
    let field = client
        .wait()
        .at_most(Duration::from_secs(20))
        .every(Duration::from_millis(5))
        .for_element(Locator::Css("input#email:not([disabled])"))
        .await
        .map_err(browser)?;
    let usable = started.elapsed();
    field.click().await.map_err(browser)?;
    let _ = client.close().await;
    let _ = std::fs::remove_dir_all(&profile);
    Ok(usable.as_secs_f64() * 1e3)
}

/// A child process killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
