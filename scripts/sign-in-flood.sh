#!/usr/bin/env bash
# Measures what a flood of bad sign-ins costs the server (issue 20's figure): builds the
# release server, starts it on a fresh SQLite database with the demo data, sends 600 bad
# sign-ins 300 at a time, and prints its peak resident memory and how many were checked.
# ATTEST_BIN=path measures another build of the server (an older one, to compare).
# Usage: scripts/sign-in-flood.sh [TOTAL] [AT_ONCE] [spread]  (see sign-in-flood.py)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${ATTEST_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --release -p attest-backend --bin attest
  bin=target/release/attest
fi
data="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
"$bin" serve --listen 127.0.0.1:0 --data-dir "$data" \
  --database-url "sqlite://$data/attest.db" --remind-interval 0 --demo-password flood-test-password \
  ${3:+--trusted-proxies 127.0.0.1} \
  >"$data/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
  grep -q "listening on" "$data/serve.log" && break
  sleep 0.1
done
base="$(grep -o 'http://[0-9.:]*' "$data/serve.log" | head -1)"
python3 scripts/sign-in-flood.py "$base" "$server" "${1:-600}" "${2:-300}" "${3:-}"
