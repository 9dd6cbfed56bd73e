//! Command-line and environment configuration, parsed once at start.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Attest: train staff on your school's own policies, and prove it.
#[derive(Debug, Parser)]
#[command(name = "attest", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The verbs of the `attest` tool.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the app and its JSON API).
    Serve(ServeArgs),
    /// Parse a policy document into its clause set.
    Clauses(FileArgs),
    /// Build the training module of a policy document.
    Module(FileArgs),
    /// Build the scenario-quiz question bank of a policy document.
    Quiz(QuizArgs),
    /// Find the clause that decides a situation.
    Ask(AskArgs),
    /// Recompute every school's attestation hash chain and report the first broken link.
    Verify(DatabaseArgs),
    /// Anonymise leavers whose last membership ended more than the retention period ago.
    Anonymise(AnonymiseArgs),
    /// Write a consistent snapshot of the (SQLite) database to a new file, even while serving.
    Backup(BackupArgs),
    /// Replace the (SQLite) database with a checked backup; stop the server first.
    Restore(BackupArgs),
    /// Run the reminder sweep and send what is due (`--once`), or show it (`--dry-run`).
    Remind(RemindArgs),
    /// Set up trusts, schools and managers (`attest admin --help`).
    Admin(crate::admin::cli::AdminArgs),
}

/// Where the database lives: shared by every verb that opens it.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Database URL: `sqlite://PATH` or `postgres://…`. Defaults to a SQLite file in the data directory.
    // Global, so `attest admin grant … --data-dir D` reads as it is written.
    #[arg(long, env = "ATTEST_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Directory for the SQLite database and outgoing mail.
    #[arg(long, env = "ATTEST_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
}

impl DatabaseArgs {
    /// The URL to connect to: the one given, or `data/attest.db`.
    pub fn url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("attest.db").display()),
        }
    }
}

/// Options of `attest anonymise`.
#[derive(Debug, Clone, Args)]
pub struct AnonymiseArgs {
    /// Months after leaving that a person's identity is kept (schools often keep six years).
    #[arg(long, env = "ATTEST_RETENTION_MONTHS", default_value_t = 72)]
    pub retention_months: u32,
    /// List who would be anonymised without changing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// The database.
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// A backup file and the database it belongs to.
#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// The backup file.
    pub file: PathBuf,
    /// The database.
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// Options of `attest serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port and prints it).
    #[arg(long, env = "ATTEST_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// The database.
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Directory of the built single-page app (`trunk build` output).
    #[arg(long, env = "ATTEST_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,
    /// Directory of sample policies loaded into an empty database.
    #[arg(long, env = "ATTEST_CONTENT_DIR", default_value = "content")]
    pub content_dir: PathBuf,
    /// Start an empty database without the demo trust: the console prints a one-time
    /// address to set up the first trust or school and its administrator.
    #[arg(long, env = "ATTEST_NO_DEMO")]
    pub no_demo: bool,
    /// Password for the demo accounts created on first start (random when unset).
    #[arg(long, env = "ATTEST_DEMO_PASSWORD", hide_env_values = true)]
    pub demo_password: Option<String>,
    /// Give every demo school a realistic staff (30–60 people) with a year of made-up
    /// history, so the dashboards show what they are for (`scripts/run.sh` sets it).
    #[arg(long, env = "ATTEST_DEMO_STAFF", conflicts_with = "no_demo")]
    pub demo_staff: bool,
    /// Mark session cookies `Secure` and send HSTS; on by itself when `--public-url` is https.
    #[arg(long, env = "ATTEST_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Reverse proxies (addresses or networks, comma-separated) whose `Forwarded` or
    /// `X-Forwarded-For` header names the client; others' are ignored.
    #[arg(long, env = "ATTEST_TRUSTED_PROXIES", value_delimiter = ',', value_parser = crate::client::parse_net)]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Time between reminder sweeps ("24h", "30m", "90s"); 0 turns the sweep off.
    #[arg(long, env = "ATTEST_REMIND_INTERVAL", default_value = "24h", value_parser = parse_interval)]
    pub remind_interval: std::time::Duration,
    /// Months after leaving that a person's identity is kept; the server anonymises leavers
    /// past it once a day (0 keeps them until `attest anonymise` is run by hand).
    #[arg(long, env = "ATTEST_RETENTION_MONTHS", default_value_t = 72)]
    pub retention_months: u32,
    /// Memberships whose standings are kept in memory between dashboard views (0 turns it off).
    #[arg(long, env = "ATTEST_STANDINGS_CACHE", default_value_t = crate::standings::cache::DEFAULT_CAP)]
    pub standings_cache: usize,
    /// How often, in milliseconds, cached standings catch up with the standings log
    /// between views, so that a view finds them current (0: only when viewed).
    #[arg(long, env = "ATTEST_STANDINGS_FOLLOW_MS", default_value_t = 1000)]
    pub standings_follow_ms: u64,
    /// Most writes folded into one group commit (1 commits each write alone, for comparison).
    #[arg(long, env = "ATTEST_WRITE_BATCH", default_value_t = crate::db::writer::MAX_BATCH)]
    pub write_batch: std::num::NonZeroUsize,
    /// Mail and reminder settings.
    #[command(flatten)]
    pub mail: MailArgs,
}

/// Reads "24h", "30m", "90s", "2d" or a plain number of seconds.
pub fn parse_interval(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => text.split_at(i),
        None => (text, "s"),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not an interval like 24h, 30m or 90s"))?;
    let seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("{text:?}: use s, m, h or d")),
    };
    Ok(std::time::Duration::from_secs(n.saturating_mul(seconds)))
}

/// How mail is sent: SMTP when `--smtp-host` is set, else `.eml` files in the data directory.
#[derive(Clone, Args)]
pub struct MailArgs {
    /// SMTP server host; unset, mail is written as .eml files under <data-dir>/outbox-mail/.
    #[arg(long, env = "ATTEST_SMTP_HOST")]
    pub smtp_host: Option<String>,
    /// SMTP port (default: 25 without TLS, 587 with STARTTLS, 465 with TLS).
    #[arg(long, env = "ATTEST_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    /// How to secure the SMTP connection.
    #[arg(long, env = "ATTEST_SMTP_TLS", value_enum, default_value = "starttls")]
    pub smtp_tls: SmtpTls,
    /// SMTP user name.
    #[arg(long, env = "ATTEST_SMTP_USER")]
    pub smtp_user: Option<String>,
    /// SMTP password (never logged).
    #[arg(long, env = "ATTEST_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// The From address of reminder mail.
    #[arg(
        long,
        env = "ATTEST_MAIL_FROM",
        default_value = "Attest <attest@localhost>"
    )]
    pub mail_from: String,
    /// The address people open Attest at, for links in mail (default: the listen address).
    #[arg(long, env = "ATTEST_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Hours a sign-in link works.
    #[arg(long, env = "ATTEST_LINK_HOURS", default_value_t = 24)]
    pub link_hours: u32,
    /// Days overdue after which managers get a person in their weekly digest.
    #[arg(long, env = "ATTEST_ESCALATE_AFTER_DAYS", default_value_t = 14)]
    pub escalate_after_days: u32,
}

impl MailArgs {
    /// The SMTP port, or the usual one for the TLS mode.
    pub fn port(&self) -> u16 {
        self.smtp_port.unwrap_or(match self.smtp_tls {
            SmtpTls::None => 25,
            SmtpTls::Starttls => 587,
            SmtpTls::Tls => 465,
        })
    }

    /// The run-time reminder settings, with `fallback_url` when no public URL is set.
    pub fn settings(&self, fallback_url: &str) -> crate::reminders::ReminderSettings {
        crate::reminders::ReminderSettings {
            public_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| fallback_url.to_string())
                .trim_end_matches('/')
                .to_string(),
            mail_from: self.mail_from.clone(),
            link_lifetime: chrono::Duration::hours(i64::from(self.link_hours.max(1))),
            escalate_after_days: self.escalate_after_days,
            claim_lease: crate::reminders::outbox::LEASE,
        }
    }
}

// By hand, so the SMTP password can never reach a log line.
impl std::fmt::Debug for MailArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailArgs")
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_tls", &self.smtp_tls)
            .field("smtp_user", &self.smtp_user)
            .field("smtp_password", &self.smtp_password.as_ref().map(|_| "***"))
            .field("mail_from", &self.mail_from)
            .field("public_url", &self.public_url)
            .field("link_hours", &self.link_hours)
            .field("escalate_after_days", &self.escalate_after_days)
            .finish()
    }
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SmtpTls {
    /// Plain text (only for a relay on the same machine).
    None,
    /// Upgrade with STARTTLS.
    Starttls,
    /// TLS from the start (SMTPS).
    Tls,
}

/// Options of `attest remind`.
#[derive(Debug, Clone, Args)]
pub struct RemindArgs {
    /// The database.
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Mail and reminder settings.
    #[command(flatten)]
    pub mail: MailArgs,
    /// Run one sweep and send what is due, then exit.
    #[arg(long)]
    pub once: bool,
    /// Only print what the sweep would write and what is waiting to be sent.
    #[arg(long)]
    pub dry_run: bool,
}

/// Output format of the offline verbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Machine-readable JSON.
    Json,
    /// A readable outline for a person.
    Text,
}

/// A policy file and an output format.
#[derive(Debug, Clone, Args)]
pub struct FileArgs {
    /// The policy document (.txt, .md, .docx or .pdf).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// Options of `attest quiz`.
#[derive(Debug, Clone, Args)]
pub struct QuizArgs {
    /// The policy document and output format.
    #[command(flatten)]
    pub file: FileArgs,
    /// Seed of the generator: the same text and seed give the same bank.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print the share of duties the bank covers and list those it misses.
    #[arg(long)]
    pub coverage: bool,
}

/// Options of `attest ask`.
#[derive(Debug, Clone, Args)]
pub struct AskArgs {
    /// The policy document and output format.
    #[command(flatten)]
    pub file: FileArgs,
    /// The situation, in your own words.
    pub situation: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smtp_password_never_shows_in_debug_output() {
        let cli = Cli::try_parse_from([
            "attest",
            "remind",
            "--once",
            "--smtp-host",
            "mail.example",
            "--smtp-password",
            "hunter2",
        ])
        .unwrap();
        let shown = format!("{cli:?}");
        assert!(
            shown.contains("mail.example") && !shown.contains("hunter2"),
            "{shown}"
        );
    }

    #[test]
    fn the_group_commit_limit_defaults_to_the_writers_and_is_never_zero() {
        let batch = |extra: &[&str]| {
            let args = [&["attest", "serve"][..], extra].concat();
            Cli::try_parse_from(args).map(|cli| match cli.command {
                Command::Serve(serve) => serve.write_batch.get(),
                _ => 0,
            })
        };
        assert_eq!(batch(&[]).unwrap(), crate::db::writer::MAX_BATCH.get());
        assert_eq!(batch(&["--write-batch", "1"]).unwrap(), 1);
        assert!(batch(&["--write-batch", "0"]).is_err());
    }

    #[test]
    fn intervals_read_units_and_zero() {
        assert_eq!(
            parse_interval("24h"),
            Ok(std::time::Duration::from_secs(86_400))
        );
        assert_eq!(parse_interval("90"), Ok(std::time::Duration::from_secs(90)));
        assert!(parse_interval("0").unwrap().is_zero());
        assert!(parse_interval("soon").is_err());
    }
}
