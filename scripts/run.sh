#!/usr/bin/env bash
# Sets up whatever is missing, builds the app in release mode and runs Attest
# with the sample data. Extra arguments go to `attest serve` (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export PATH="$PWD/tools/node_modules/.bin:$PATH"  # wasm-opt for trunk
echo "run: building the web app (trunk build --release)"
trunk build --release --offline
echo "run: building the server"
cargo build --release -p attest-backend
exec target/release/attest serve --demo-staff "$@"
