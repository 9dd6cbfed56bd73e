#!/usr/bin/env bash
# The performance figures from a fresh clone: sets up what is missing, builds the app,
# the server and the benchmark (the `attest-bench` workspace member), then runs
# `attest-bench run`. Extra arguments go to it (see `attest-bench run --help`), e.g.
# `--database sqlite --large 0`.
# Needs chromedriver + chromium for the sign-in timing (or pass --no-browser) and a
# PostgreSQL server for the postgres figures (or pass --database sqlite).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export PATH="$PWD/tools/node_modules/.bin:$PATH"  # wasm-opt for trunk
echo "bench: building the web app (trunk build --release)"
trunk build --release --offline
echo "bench: building the server and the benchmark"
cargo build --release -p attest-backend -p attest-bench
target_dir="${CARGO_TARGET_DIR:-target}"
exec "$target_dir/release/attest-bench" run --server "$target_dir/release/attest" "$@"
