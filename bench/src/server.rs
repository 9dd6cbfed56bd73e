//! The real server under test: `attest serve` as a child process, and its peak memory.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use attest::error::{AppError, AppResult};

use crate::config::BenchArgs;

/// A running `attest serve`.
pub struct Server {
    /// Its base URL, e.g. `http://127.0.0.1:40123`.
    pub base: String,
    child: Child,
    /// The highest private (anonymous) resident memory seen, in kB.
    private_peak_kb: Arc<AtomicU64>,
    stop_sampling: Arc<AtomicBool>,
}

impl Server {
    /// Starts `attest serve` (`--server`) on `database_url` and waits for its address.
    pub fn start(database_url: &str, args: &BenchArgs) -> AppResult<Server> {
        let mut command = Command::new(server_binary(args)?);
        command.arg("serve");
        if let Some(batch) = args.write_batch {
            command.arg("--write-batch").arg(batch.to_string());
        }
        let mut child = command
            .args(["--listen", "127.0.0.1:0", "--remind-interval", "0"])
            .arg("--database-url")
            .arg(database_url)
            .arg("--dist-dir")
            .arg(&args.dist_dir)
            .arg("--content-dir")
            .arg(&args.databases.content_dir)
            .arg("--data-dir")
            .arg(std::env::temp_dir().join("attest-bench-data"))
            .env("ATTEST_LOG", &args.server_log)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| AppError::Internal("no stdout from the server".into()))?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("Attest is listening on ") {
                    let _ = tx.send(url.trim_end_matches('/').to_string());
                }
            }
        });
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(base) => {
                let (private_peak_kb, stop_sampling) = sample_private_memory(child.id());
                Ok(Server {
                    base,
                    child,
                    private_peak_kb,
                    stop_sampling,
                })
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                Err(AppError::Internal("the server did not start".into()))
            }
        }
    }

    /// The server's peak resident memory so far (VmHWM), in MB.
    pub fn peak_mb(&self) -> Option<f64> {
        peak_mb(self.child.id())
    }

    /// The server's peak private memory so far, in MB (sampled every 10 ms).
    ///
    /// The resident peak also counts pages of the database file that SQLite reads
    /// through a memory map: those are the kernel's page cache, shared and dropped
    /// under memory pressure, not memory the server holds.
    pub fn private_peak_mb(&self) -> Option<f64> {
        let kb = self.private_peak_kb.load(Ordering::Relaxed);
        (kb > 0).then(|| kb as f64 / 1024.0)
    }
}

/// The server to run: `--server`, else the `attest` binary this one was built beside.
fn server_binary(args: &BenchArgs) -> AppResult<PathBuf> {
    if let Some(server) = &args.server {
        return Ok(server.clone());
    }
    let beside = std::env::current_exe()?.with_file_name("attest");
    if beside.is_file() {
        Ok(beside)
    } else {
        Err(AppError::Internal(format!(
            "no server at {}: build it (cargo build --release -p attest-backend) or pass --server",
            beside.display()
        )))
    }
}

/// Samples a process's private resident memory (RssAnon) until told to stop.
fn sample_private_memory(pid: u32) -> (Arc<AtomicU64>, Arc<AtomicBool>) {
    let (peak, stop) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicBool::new(false)),
    );
    let (kept, stopping) = (peak.clone(), stop.clone());
    std::thread::spawn(move || {
        while !stopping.load(Ordering::Relaxed) {
            match status_kb(pid, "RssAnon:") {
                Some(kb) => kept.fetch_max(kb, Ordering::Relaxed),
                None => break,
            };
            std::thread::sleep(Duration::from_millis(10));
        }
    });
    (peak, stop)
}

/// A `kB` field of `/proc/PID/status`.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop_sampling.store(true, Ordering::Relaxed);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A process's peak resident set size in MB, from `/proc/PID/status`.
pub fn peak_mb(pid: u32) -> Option<f64> {
    status_kb(pid, "VmHWM:").map(|kb| kb as f64 / 1024.0)
}
