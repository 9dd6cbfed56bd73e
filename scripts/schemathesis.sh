#!/usr/bin/env bash
# Runs schemathesis (PyPI) against a real `attest serve` on a fresh temp database,
# signed in as a demo manager: no 5xx answers, and every answer conforms to
# /api/openapi.json (status code and body schema). Bounded: a few examples per
# operation. Usage: scripts/schemathesis.sh [extra schemathesis options]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c "import schemathesis" >/dev/null 2>&1; then
  echo "schemathesis: installing it from PyPI"
  python3 -m pip install --quiet schemathesis 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages schemathesis
fi

cargo build --quiet -p attest-backend --bin attest
bin="$PWD/target/debug/attest"
data="$(mktemp -d)"
password="schemathesis-$RANDOM-$RANDOM"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"

"$bin" serve --listen "127.0.0.1:$port" --data-dir "$data" --demo-password "$password" \
  --remind-interval 0 >"$data/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

# Wait (at most 60 s) for the server to answer.
for _ in $(seq 1 600); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$data/serve.log"; exit 1; }
  sleep 0.1
done

# Sign in as the demo trust's manager (every school and the trust) and keep the cookie.
cookie="$(curl -fsS -o /dev/null -D - -H 'Content-Type: application/json' -H 'X-Requested-With: attest' \
  -d "{\"email\":\"trust@attest.example\",\"password\":\"$password\"}" \
  "$base/api/session" | sed -n 's/^[Ss]et-[Cc]ookie: \(attest_session=[^;]*\).*/\1/p')"
[ -n "$cookie" ] || { echo "schemathesis: sign-in failed"; exit 1; }

# Real ids, so that operations reach their logic instead of answering 404 to random ids.
get() { curl -fsS -H "Cookie: $cookie" "$base$1"; }
trust="$(get /api/manage | python3 -c 'import json,sys; print(json.load(sys.stdin)["trusts"][0]["id"])')"
school="$(get /api/manage | python3 -c 'import json,sys; print(json.load(sys.stdin)["schools"][0]["id"])')"
person="$(get "/api/schools/$school/matrix" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"][0]["person_id"])')"
policy="$(get "/api/schools/$school/policies" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
cat >"$data/schemathesis.toml" <<TOML
[[operations]]
include-path-regex = "^/api/schools/"
parameters = { id = "$school", school_id = "$school" }

[[operations]]
include-path-regex = "^/api/trusts/"
parameters = { id = "$trust" }

[[operations]]
include-path-regex = "^/api/people/"
parameters = { id = "$person" }

[[operations]]
include-path-regex = "^/api/policies/"
parameters = { id = "$policy" }
TOML

# Signing out would end the session every other operation uses.
# Run from the temp dir: schemathesis keeps its own state files in the working directory.
cd "$data"
st --config-file "$data/schemathesis.toml" run "$base/api/openapi.json" \
  --checks not_a_server_error,status_code_conformance,response_schema_conformance \
  --header "Cookie: $cookie" --header "X-Requested-With: attest" \
  --exclude-operation-id delete_session \
  --max-examples "${SCHEMATHESIS_EXAMPLES:-20}" --seed 1 \
  --suppress-health-check all --generation-database none --no-color --report-dir "$data/report" "$@"
