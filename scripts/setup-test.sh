#!/usr/bin/env bash
# Installs what the tests need beyond the build tools: headless Chromium and
# its WebDriver and poppler's pdftotext (Debian packages), and axe-core from npm. Idempotent.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "setup-test: installing chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The evidence tests read the PDFs back as text with poppler's pdftotext.
if ! command -v pdftotext >/dev/null 2>&1; then
  echo "setup-test: installing poppler-utils"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
fi

# axe-core, injected by the browser tests into every page they visit to check
# accessibility, and oidc-provider, the real OpenID provider of the directory sign-in tests
# (tests/oidc/provider.mjs). The versions are pinned by tests/package-lock.json.
if [ ! -f tests/node_modules/axe-core/axe.min.js ] || [ ! -f tests/node_modules/oidc-provider/package.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup-test: installing npm"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  fi
  echo "setup-test: installing axe-core and oidc-provider (npm ci in tests/)"
  npm ci --prefix tests --no-audit --no-fund --loglevel=error
fi

# The reminder tests deliver mail to a real SMTP server on loopback: aiosmtpd (PyPI).
if ! python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  if ! python3 -m pip --version >/dev/null 2>&1; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
  fi
  echo "setup-test: installing aiosmtpd"
  python3 -m pip install --quiet aiosmtpd 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages aiosmtpd
fi
