#!/usr/bin/env bash
# Builds the app and runs the Playwright suite in Debian's Chromium against `npm start`, on a
# fresh embedded database, or on a fresh database of the PostgreSQL server in DATABASE_URL.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  else
    echo "The browser tests need Debian's Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'." >&2
    exit 1
  fi
fi

export NEXT_TELEMETRY_DISABLED=1
# REUSE_BUILD=1 (CI's second pass, same sources) keeps the build the first pass made.
if [ -z "${REUSE_BUILD:-}" ] || [ ! -f .next/portal-server.mjs ]; then npm run build; fi

export E2E_DATA_DIR E2E_MAIL_DIR
E2E_DATA_DIR=$(mktemp -d)
E2E_MAIL_DIR=$(mktemp -d)
cleanup() { rm -rf "$E2E_DATA_DIR" "$E2E_MAIL_DIR"; }
if [ -n "${DATABASE_URL:-}" ]; then
  server_url=$DATABASE_URL
  DATABASE_URL=$(node --import tsx scripts/test-database.ts create "$server_url")
  export DATABASE_URL
  cleanup() { rm -rf "$E2E_DATA_DIR" "$E2E_MAIL_DIR"; node --import tsx scripts/test-database.ts drop "$server_url" "$DATABASE_URL"; }
fi
trap cleanup EXIT

npx playwright test "$@"
