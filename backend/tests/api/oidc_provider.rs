//! A real OpenID Connect provider on loopback for tests: `tests/oidc/provider.mjs` (the npm
//! package oidc-provider) as a child process, with the clients and accounts a test names.
//!
//! Shared with the browser tests (`tests/e2e/main.rs` includes this file by path).
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

/// The client id and secret Attest is registered under in the tests.
pub const CLIENT_ID: &str = "attest";
pub const CLIENT_SECRET: &str = "attest-client-secret";

/// The running provider; stopped when dropped.
pub struct OidcProvider {
    /// Its issuer address, `http://127.0.0.1:PORT`.
    pub issuer: String,
    child: Child,
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

impl OidcProvider {
    /// Starts a provider that knows Attest (redirecting to `callback`) and these accounts
    /// (`sub` → claims such as email and email_verified).
    pub fn start(callback: &str, accounts: Value) -> OidcProvider {
        let config = json!({
            "clients": [{
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [callback],
            }],
            "accounts": accounts,
        });
        let mut child = Command::new("node")
            .arg(tests_dir().join("oidc/provider.mjs"))
            .arg(config.to_string())
            .current_dir(tests_dir())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs tests/oidc/provider.mjs (scripts/setup-test.sh installs it)");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("OIDC provider listening on ") {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let issuer = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the OIDC provider starts within a minute");
        OidcProvider { issuer, child }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.issuer.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// The next sign-in logs in this account, whatever the login hint.
    pub async fn next_account(&self, sub: &str) {
        let url = format!("{}/test/next-account?sub={sub}", self.issuer);
        reqwest::get(url).await.unwrap().error_for_status().unwrap();
    }

    /// The next ID token carries these claims instead (re-signed by the provider's key).
    pub async fn tamper_next_token(&self, claims: Value) {
        let client = reqwest::Client::new();
        client
            .get(format!("{}/test/tamper", self.issuer))
            .query(&[("claims", claims.to_string())])
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap();
    }

    /// A browser's visit to the provider: follows its redirects until it sends the browser
    /// elsewhere (back to Attest), and returns that address.
    pub async fn visit(&self, url: &str) -> String {
        let port = self.port();
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.url().port() == Some(port) {
                    attempt.follow()
                } else {
                    attempt.stop()
                }
            }))
            .build()
            .unwrap();
        let res = client.get(url).send().await.unwrap();
        let status = res.status();
        let location = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());
        location.unwrap_or_else(|| {
            panic!("the provider answered {status} without sending the browser back")
        })
    }
}
