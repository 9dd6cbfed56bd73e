//! Starting, killing and restarting `attest serve` on a given data directory.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The demo accounts' password.
pub const PASSWORD: &str = "ops-password-1";

/// A running server process.
pub struct Serving {
    /// Its base URL.
    pub base: String,
    /// Every line it has printed so far.
    pub printed: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    child: Child,
}

/// The workspace root.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs an `attest` verb to completion and returns (success, stdout + stderr).
pub fn attest(args: &[&str], data: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_attest"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env_remove("ATTEST_DATABASE_URL")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

impl Serving {
    /// Starts `attest serve` on SQLite in `data` and waits for its URL.
    pub fn start(data: &Path) -> Serving {
        Serving::start_with(data, &[])
    }

    /// Starts `attest serve` with its files in `data` and extra arguments (e.g. `--database-url`).
    pub fn start_with(data: &Path, extra: &[&str]) -> Serving {
        let mut child = Command::new(env!("CARGO_BIN_EXE_attest"))
            .arg("serve")
            .args(extra)
            .args(["--listen", "127.0.0.1:0"])
            .arg("--data-dir")
            .arg(data)
            .arg("--dist-dir")
            .arg(data.join("no-app"))
            .arg("--content-dir")
            .arg(workspace().join("content"))
            .args(["--demo-password", PASSWORD])
            .env_remove("ATTEST_DATABASE_URL")
            .env("ATTEST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let printed = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let keep = printed.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("Attest is listening on ") {
                    let _ = tx.send(url.trim_end_matches('/').to_string());
                }
                keep.lock().unwrap().push(line);
            }
        });
        let base = rx.recv_timeout(Duration::from_secs(60)).unwrap();
        Serving {
            base,
            printed,
            child,
        }
    }

    /// Kills the process at once (SIGKILL): no shutdown, no flushing.
    pub fn kill_hard(mut self) {
        let pid = nix::unistd::Pid::from_raw(i32::try_from(self.child.id()).unwrap());
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL).unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
