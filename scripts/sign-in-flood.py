#!/usr/bin/env python3
"""The unauthenticated-flood figure of the security review (issue 20): many bad sign-ins
at once against a real `attest serve`, then the server's peak resident memory and how many
passwords it checked. Not a test (it prints figures): `scripts/sign-in-flood.sh` runs it.

Usage: sign-in-flood.py BASE_URL SERVER_PID [TOTAL] [AT_ONCE] [spread]

With "spread", each request claims (through X-Forwarded-For, to a server that trusts the
loopback proxy) an address of its own, so no limit stops them: every password is checked,
and only the bound on concurrent hashing keeps memory down.
"""
import concurrent.futures
import http.client
import json
import sys
import time
import urllib.parse


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM for the server")


SPREAD = len(sys.argv) > 5 and sys.argv[5] == "spread"


def sign_in(base, n):
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    body = json.dumps({"email": f"flood.{n}@example.org", "password": "not-the-password"})
    headers = {"content-type": "application/json", "x-requested-with": "attest"}
    if SPREAD:
        headers["x-forwarded-for"] = f"198.18.{n // 250}.{n % 250 + 1}"
    conn.request("POST", "/api/session", body, headers)
    status = conn.getresponse().status
    conn.close()
    return status


def main():
    base, pid = sys.argv[1], int(sys.argv[2])
    total = int(sys.argv[3]) if len(sys.argv) > 3 else 600
    at_once = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    before = peak_rss_mib(pid)
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=at_once) as pool:
        statuses = list(pool.map(lambda n: sign_in(base, n), range(total)))
    elapsed = time.monotonic() - started
    counts = {s: statuses.count(s) for s in sorted(set(statuses))}
    print(f"bad sign-ins sent:        {total} ({at_once} at once) in {elapsed:.1f} s")
    print(f"answers:                  {counts}")
    limit = "each from its own address" if SPREAD else "the per-address limit is 30"
    print(f"passwords checked (401):  {counts.get(401, 0)} ({limit})")
    print(f"server peak RSS before:   {before:.0f} MiB")
    print(f"server peak RSS after:    {peak_rss_mib(pid):.0f} MiB")


if __name__ == "__main__":
    main()
