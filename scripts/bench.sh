#!/usr/bin/env bash
# The performance figures from a fresh clone: sets up what is missing, builds the app
# and the server (with the `bench` feature), then runs `attest bench`. Extra arguments
# go to `attest bench` (see --help), e.g. `--database sqlite --large 0`.
# Needs chromedriver + chromium for the sign-in timing (or pass --no-browser) and a
# PostgreSQL server for the postgres figures (or pass --database sqlite).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export PATH="$PWD/tools/node_modules/.bin:$PATH"  # wasm-opt for trunk
echo "bench: building the web app (trunk build --release)"
trunk build --release --offline
echo "bench: building the server with the benchmark"
cargo build --release -p attest-backend --features bench
exec target/release/attest bench "$@"
