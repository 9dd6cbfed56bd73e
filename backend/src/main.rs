//! The `attest` binary: parse the command line and hand over to the library.

use clap::Parser;
use tracing_subscriber::EnvFilter;

// glibc's allocator spent a sixth of the server's time under load in malloc and free
// (SQLite's page cache, JSON, hyper's buffers) and keeps freed memory per thread arena.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e` in mimalloc 2 and 3).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Gives freed pages back to the system at once rather than 10 ms later (and arenas'
/// 100 ms later): a trust-wide page builds tens of MB that are garbage a moment later,
/// and kept pages held the server's private memory at twice what it uses. Under load
/// this measured no slower.
#[allow(unsafe_code)]
fn return_freed_memory_at_once() {
    // SAFETY: mi_option_set only stores an integer in mimalloc's option table; any
    // value is valid for this option, and `main` calls it before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

fn main() -> std::process::ExitCode {
    // Before the runtime starts its worker threads: mimalloc's options are plain
    // integers, read without locks.
    return_freed_memory_at_once();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("attest: could not start the async runtime: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    runtime.block_on(run())
}

async fn run() -> std::process::ExitCode {
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
