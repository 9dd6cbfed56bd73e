#!/usr/bin/env bash
# Runs schemathesis (PyPI) against a real `attest serve` on a fresh temp database,
# signed in as each demo role in turn (staff, school manager, trust manager) with real ids
# of theirs: no 5xx answers, and every answer conforms to /api/openapi.json (status code
# and body schema). Bounded: a few examples per operation and role.
# Usage: scripts/schemathesis.sh [extra schemathesis options]
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

# Signs in and prints the session cookie.
sign_in() {
  curl -fsS -o /dev/null -D - -H 'Content-Type: application/json' -H 'X-Requested-With: attest' \
    -d "{\"email\":\"$1\",\"password\":\"$password\"}" \
    "$base/api/session" | sed -n 's/^[Ss]et-[Cc]ookie: \(attest_session=[^;]*\).*/\1/p'
}
json() { python3 -c "import json,sys; d = json.load(sys.stdin); print($1)"; }

# Runs schemathesis as one person, with real ids of theirs so that operations reach their
# logic instead of answering 401 or 404 to random ids. Signing out would end the session
# every other operation uses. Run from the temp dir: schemathesis keeps its own state
# files in the working directory.
run_as() {
  local email="$1" cookie
  cookie="$(sign_in "$email")"
  [ -n "$cookie" ] || { echo "schemathesis: sign-in as $email failed"; exit 1; }
  get() { curl -fsS -H "Cookie: $cookie" -H 'X-Requested-With: attest' "$base$1"; }
  post() { curl -fsS -X POST -H "Cookie: $cookie" -H 'X-Requested-With: attest' "$base$1"; }
  put() { curl -fsS -X PUT -H "Cookie: $cookie" -H 'X-Requested-With: attest' -H 'Content-Type: application/json' -d "$2" "$base$1"; }
  local version attempt lessons config="$data/schemathesis-$email.toml"
  version="$(get /api/me/modules | json 'd[0]["version_id"] if d else "none"')"
  # The quiz opens once every lesson has been read: read them, as staff would.
  if [ "$version" != none ]; then
    lessons="$(get "/api/modules/$version" | json 'len(d["module"]["lessons"])')"
    for i in $(seq 0 $((lessons - 1))); do
      put "/api/modules/$version/progress" "{\"current_lesson\":$i,\"lessons_done\":$((i + 1))}" >/dev/null
    done
  fi
  attempt="$( [ "$version" = none ] && echo none || post "/api/modules/$version/attempts" | json 'd["id"]')"
  cat >"$config" <<TOML
[[operations]]
include-path-regex = "^/api/modules/"
parameters = { version_id = "$version" }

[[operations]]
include-path-regex = "^/api/attempts/"
parameters = { attempt_id = "$attempt" }
TOML
  if get /api/manage >/dev/null 2>&1; then
    local trust school person policy
    trust="$(get /api/manage | json 'd["trusts"][0]["id"] if d["trusts"] else "none"')"
    school="$(get /api/manage | json 'd["schools"][0]["id"]')"
    person="$(get "/api/schools/$school/matrix" | json 'd["rows"][0]["person_id"]')"
    policy="$(get "/api/schools/$school/policies" | json 'd[0]["id"]')"
    cat >>"$config" <<TOML

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
  fi
  echo "schemathesis: signed in as $email"
  (cd "$data" && st --config-file "$config" run "$base/api/openapi.json" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance \
    --header "Cookie: $cookie" --header "X-Requested-With: attest" \
    --exclude-operation-id delete_session \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-10}" --seed 1 \
    --suppress-health-check all --generation-database none --no-color \
    --report-dir "$data/report-$email" "${extra[@]}")
}

extra=("$@")
# Each role in turn: a member of staff, a school manager, the trust's manager.
for who in staff@chad-vale-primary.example manager@chad-vale-primary.example trust@attest.example; do
  run_as "$who"
done
