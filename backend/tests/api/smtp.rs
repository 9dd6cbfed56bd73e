//! A real SMTP server on loopback for tests: `tests/smtp/capture.py` (aiosmtpd) as a child process.
//!
//! Shared with the browser tests (`tests/e2e/main.rs` includes this file by path),
//! so each test binary uses only part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// One message the server accepted, decoded by the capture script.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct CapturedMail {
    /// Envelope recipients.
    pub to: Vec<String>,
    /// The subject line.
    pub subject: String,
    /// The top-level content type (multipart/alternative).
    pub content_type: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
}

impl CapturedMail {
    /// The first link in the plain-text part that points into the app.
    pub fn link(&self) -> String {
        self.text
            .split_whitespace()
            .find(|w| {
                w.starts_with("http") && (w.contains("/link/") || w.contains("/reset-password/"))
            })
            .unwrap_or_else(|| panic!("no sign-in link in mail: {}", self.text))
            .to_string()
    }

    /// The token at the end of the link.
    pub fn token(&self) -> String {
        self.link().rsplit('/').next().unwrap().to_string()
    }
}

/// The capture server; stopped when dropped.
pub struct SmtpCapture {
    /// The loopback port it listens on (kept across restarts).
    pub port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
    /// How long it takes over each message.
    delay: Duration,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/smtp/capture.py")
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl SmtpCapture {
    /// Starts a capture server on a free port.
    pub fn start() -> SmtpCapture {
        let mut capture = SmtpCapture::stopped();
        capture.resume();
        capture
    }

    /// Starts a capture server that takes `delay` over each message before accepting it.
    pub fn start_slow(delay: Duration) -> SmtpCapture {
        let mut capture = SmtpCapture::stopped();
        capture.delay = delay;
        capture.resume();
        capture
    }

    /// A capture server not started yet: its port refuses connections (an outage).
    pub fn stopped() -> SmtpCapture {
        SmtpCapture {
            port: free_port(),
            dir: tempfile::tempdir().unwrap(),
            child: None,
            delay: Duration::ZERO,
        }
    }

    /// Starts (or restarts) the server on its port and waits until it listens.
    pub fn resume(&mut self) {
        assert!(
            self.child.is_none(),
            "the capture server is already running"
        );
        let mut child = Command::new("python3")
            .arg(script())
            .arg(self.port.to_string())
            .arg(self.dir.path())
            .arg(self.delay.as_secs_f64().to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs (scripts/setup-test.sh installs aiosmtpd)");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.trim() == "ready" {
                    let _ = tx.send(());
                }
            }
        });
        rx.recv_timeout(Duration::from_secs(20)).expect(
            "the SMTP capture server starts (is aiosmtpd installed? scripts/setup-test.sh)",
        );
        self.child = Some(child);
    }

    /// Stops the server: connections are refused until [`resume`](Self::resume).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every message received so far, in arrival order.
    pub fn mails(&self) -> Vec<CapturedMail> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits (up to 20 s) until at least `n` messages have arrived, and returns them all.
    pub fn wait_for(&self, n: usize) -> Vec<CapturedMail> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mails = self.mails();
            if mails.len() >= n {
                return mails;
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} mail(s), got {}",
                mails.len()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits (up to 30 s) for a message to `email` and returns the first.
    pub fn wait_for_mail_to(&self, email: &str) -> CapturedMail {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(mail) = self.mails_to(email).into_iter().next() {
                return mail;
            }
            assert!(Instant::now() < deadline, "no mail to {email} arrived");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The messages sent to one address.
    pub fn mails_to(&self, email: &str) -> Vec<CapturedMail> {
        self.mails()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t == email))
            .collect()
    }
}

impl Drop for SmtpCapture {
    fn drop(&mut self) {
        self.stop();
    }
}
