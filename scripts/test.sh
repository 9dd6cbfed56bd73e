#!/usr/bin/env bash
# The whole test suite: formatting, lints, the wasm build of the domain crate,
# the web app's release build, then every unit, API (SQLite and PostgreSQL)
# and browser test, then schemathesis against the OpenAPI document.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export PATH="$PWD/tools/node_modules/.bin:$PATH"  # wasm-opt for trunk
scripts/setup-test.sh

echo "test: cargo fmt --check"
cargo fmt --all -- --check
echo "test: clippy (server and domain, then the app for wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy -p attest-frontend --target wasm32-unknown-unknown -- -D warnings
echo "test: the domain crate builds for wasm32"
cargo check -p attest-domain --target wasm32-unknown-unknown
echo "test: building the web app"
trunk build --release --offline
echo "test: PostgreSQL at 127.0.0.1:5432 (started if this machine has one stopped)"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && command -v pg_ctlcluster >/dev/null 2>&1; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
fi
# Without a server the PostgreSQL half of the tests fails rather than passing unnoticed.
export ATTEST_REQUIRE_POSTGRES=1
echo "test: clearing the last run's PostgreSQL test databases"
scripts/drop-test-databases.sh
echo "test: cargo test"
# A failing test's message, not its thirty frames of tokio, is what a log cut to its head
# and tail must keep: ask for backtraces when running one test by hand.
export RUST_BACKTRACE=0
cargo test --workspace --exclude attest-frontend
echo "test: schemathesis against a running server (about a minute)"
scripts/schemathesis.sh
