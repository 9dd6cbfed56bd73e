//! The `attest-bench` binary: parse the command line and run the chosen measurement.

use attest_bench::config::{Cli, Command};
use clap::Parser;
use tracing_subscriber::EnvFilter;

// The sweep is timed in this process: the server's allocator keeps its figure comparable.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("ATTEST_LOG").unwrap_or_else(|_| EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = match Cli::parse().command {
        Command::Run(args) => attest_bench::run(args).await,
        Command::Sweep(args) => attest_bench::sweep::bench_sweep(args).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("attest-bench: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
