//! The benchmark's figures: one serialisable report, printed as a table and saved as JSON.

use serde::Serialize;

use crate::load::{LoadRun, PageTime};
use crate::web::FirstLoad;

/// Everything one `attest bench` run measured.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// When the run started (UTC, RFC 3339).
    pub started_at: String,
    /// CPUs the machine offers.
    pub cpus: usize,
    /// The app's first load (the same server code whatever the database).
    pub first_load: Option<FirstLoad>,
    /// One entry per database measured.
    pub databases: Vec<DatabaseFigures>,
}

/// The figures of one database.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DatabaseFigures {
    /// `sqlite` or `postgres`.
    pub database: String,
    /// Quiz-submit + attest runs at each concurrency.
    pub load: Vec<LoadRun>,
    /// Whether every chain verified after the load.
    pub chains_verify: bool,
    /// Dashboard and matrix response times at each trust size.
    pub pages: Vec<PageTimes>,
    /// The reminder sweep over the large trust.
    pub sweep: Option<SweepFigures>,
}

/// Response times of the managers' pages over HTTP: first view and repeats.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageTimes {
    /// People in the trust.
    pub people: usize,
    /// Seconds the synthetic trust took to seed.
    pub seed_seconds: f64,
    /// One school's dashboard, as its manager.
    pub school_dashboard: PageTime,
    /// One school's matrix (first page), as its manager.
    pub school_matrix: PageTime,
    /// The trust dashboard, as the trust manager.
    pub trust_dashboard: PageTime,
    /// The trust matrix (first page), as the trust manager.
    pub trust_matrix: PageTime,
    /// The server's peak resident memory (VmHWM) by the end of this trust's runs,
    /// including database pages SQLite reads through a memory map (page cache).
    pub server_peak_mb: Option<f64>,
    /// The server's peak private memory (sampled RssAnon): what it holds itself.
    pub server_private_peak_mb: Option<f64>,
}

/// The sweep's times.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SweepFigures {
    /// People in the trust.
    pub people: usize,
    /// Reminders due.
    pub due: usize,
    /// The first sweep (writing the outbox), seconds.
    pub first_s: f64,
    /// A repeat sweep (nothing new), seconds.
    pub repeat_s: f64,
}

fn mb(figure: Option<f64>) -> String {
    figure.map_or("?".into(), |m| format!("{m:.0}"))
}

impl Report {
    /// The figures as a plain-text table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        if let Some(f) = &self.first_load {
            out.push_str(&format!(
                "first load: {:.1} KB transferred ({:.1} KB uncompressed), sign-in usable in {}\n",
                f.transfer_kb,
                f.uncompressed_kb,
                f.usable_ms
                    .map_or("(not measured)".into(), |ms| format!("{ms:.0} ms"))
            ));
        }
        for d in &self.databases {
            out.push_str(&format!("\n== {} ==\n", d.database));
            out.push_str(
                "clients  attest/s  errors   submit p50/p95/p99 ms     attest p50/p95/p99 ms\n",
            );
            for r in &d.load {
                out.push_str(&format!(
                    "{:>7} {:>9.0} {:>7}   {:>6.1} {:>6.1} {:>7.1}   {:>6.1} {:>6.1} {:>7.1}\n",
                    r.clients,
                    r.per_second,
                    r.errors,
                    r.submit.p50_ms,
                    r.submit.p95_ms,
                    r.submit.p99_ms,
                    r.attest.p50_ms,
                    r.attest.p95_ms,
                    r.attest.p99_ms
                ));
            }
            out.push_str(&format!("chains verify after load: {}\n", d.chains_verify));
            out.push_str(
                "pages over HTTP, ms: first view / median repeat (answered from memory)\n",
            );
            out.push_str("people   seed s     school dash   school matrix      trust dash    trust matrix  server peak MB private / resident\n");
            for p in &d.pages {
                out.push_str(&format!(
                    "{:>7} {:>7.1} {:>7.1} / {:>5.1} {:>7.1} / {:>5.1} {:>7.1} / {:>5.1} {:>7.1} / {:>5.1} {:>15} / {}\n",
                    p.people,
                    p.seed_seconds,
                    p.school_dashboard.first_ms,
                    p.school_dashboard.repeat_ms,
                    p.school_matrix.first_ms,
                    p.school_matrix.repeat_ms,
                    p.trust_dashboard.first_ms,
                    p.trust_dashboard.repeat_ms,
                    p.trust_matrix.first_ms,
                    p.trust_matrix.repeat_ms,
                    mb(p.server_private_peak_mb),
                    mb(p.server_peak_mb)
                ));
            }
            if let Some(s) = &d.sweep {
                out.push_str(&format!(
                    "sweep at {} people: {:.2} s first ({} due), {:.2} s repeat\n",
                    s.people, s.first_s, s.due, s.repeat_s
                ));
            }
        }
        out
    }
}
