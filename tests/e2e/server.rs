//! Starts the real `attest serve` on a free loopback port with a fresh data directory.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// The demo accounts' password in these tests.
pub const PASSWORD: &str = "e2e-password-1";

/// A running server process; killed when dropped.
pub struct Server {
    /// The base URL, e.g. `http://127.0.0.1:40123`.
    pub base: String,
    child: Child,
    data: tempfile::TempDir,
    printed: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The workspace root.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The built single-page app; the test command builds it with Trunk first.
fn dist_dir() -> PathBuf {
    let dist = std::env::var("ATTEST_DIST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace().join("dist"));
    assert!(
        dist.join("index.html").is_file(),
        "no built app at {}: run `trunk build --release` (scripts/test.sh does it)",
        dist.display()
    );
    dist
}

impl Server {
    /// Starts `attest serve` on SQLite in a temp dir and waits for its "listening" line.
    pub fn start() -> Server {
        Server::start_with(&[])
    }

    /// [`Server::start_with`], sending its mail to `mail` (plain SMTP on loopback).
    pub fn start_mailing_to(mail: &crate::smtp::SmtpCapture, extra: &[&str]) -> Server {
        let port = mail.port.to_string();
        let mut args = vec![
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            &port,
            "--smtp-tls",
            "none",
        ];
        args.extend_from_slice(extra);
        Server::start_with(&args)
    }

    /// [`Server::start`] with extra command-line options (mail settings, intervals).
    pub fn start_with(extra: &[&str]) -> Server {
        let data = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_attest"))
            .arg("serve")
            .args(["--listen", "127.0.0.1:0"])
            .arg("--data-dir")
            .arg(data.path())
            .arg("--dist-dir")
            .arg(dist_dir())
            .arg("--content-dir")
            .arg(workspace().join("content"))
            .args(["--demo-password", PASSWORD])
            .args(extra)
            .env_remove("ATTEST_DATABASE_URL")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the attest binary starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let printed = Arc::new(Mutex::new(Vec::new()));
        let lines = printed.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("Attest is listening on ") {
                    let _ = tx.send(url.trim_end_matches('/').to_string());
                }
                lines.lock().unwrap().push(line);
            }
        });
        let base = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server prints its URL within a minute");
        Server {
            base,
            child,
            data,
            printed,
        }
    }

    /// The line the server printed on its console that starts with `prefix` (waiting up to
    /// 10 s for it), without the prefix.
    pub fn printed(&self, prefix: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let lines = self.printed.lock().unwrap().clone();
            if let Some(rest) = lines.iter().find_map(|l| l.strip_prefix(prefix)) {
                return rest.to_string();
            }
            assert!(
                Instant::now() < deadline,
                "the server never printed {prefix:?}: {lines:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The server's data directory (its SQLite file is `attest.db` there).
    pub fn data_dir(&self) -> &Path {
        self.data.path()
    }

    /// Stops the server, as when the network goes down.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
