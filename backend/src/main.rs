//! The `attest` binary: parse the command line and hand over to the library.

use clap::Parser;
use tracing_subscriber::EnvFilter;

// glibc's allocator spent a sixth of the server's time under load in malloc and free
// (SQLite's page cache, JSON, hyper's buffers) and keeps freed memory per thread arena.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("ATTEST_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = attest::config::Cli::parse();
    match attest::cli::run(cli).await {
        Ok(code) => code,
        Err(err) => {
            eprintln!("attest: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
