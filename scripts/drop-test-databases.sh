#!/usr/bin/env bash
# Drops the PostgreSQL databases the API tests create (attest_test_*): each test makes its
# own and leaves it behind, so a run clears the last run's first. One still in use
# (a run going on beside this one) is left alone.
set -uo pipefail
url="${ATTEST_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
command -v psql >/dev/null 2>&1 || exit 0
for name in $(psql "$url" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'attest\_test\_%'" 2>/dev/null); do
  psql "$url" -qc "DROP DATABASE IF EXISTS \"$name\"" >/dev/null 2>&1 || true
done
