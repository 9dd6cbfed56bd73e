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
    /// Write a consistent snapshot of the (SQLite) database to a new file, even while serving.
    Backup(BackupArgs),
    /// Replace the (SQLite) database with a checked backup; stop the server first.
    Restore(BackupArgs),
}

/// Where the database lives: shared by every verb that opens it.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Database URL: `sqlite://PATH` or `postgres://…`. Defaults to a SQLite file in the data directory.
    #[arg(long, env = "ATTEST_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Directory for the SQLite database and outgoing mail.
    #[arg(long, env = "ATTEST_DATA_DIR", default_value = "data")]
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
    /// Password for the demo accounts created on first start (random when unset).
    #[arg(long, env = "ATTEST_DEMO_PASSWORD", hide_env_values = true)]
    pub demo_password: Option<String>,
    /// Mark session cookies `Secure` (set when serving behind https).
    #[arg(long, env = "ATTEST_SECURE_COOKIES")]
    pub secure_cookies: bool,
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
