#!/usr/bin/env bash
# The whole suite: types, lint, unit and integration tests, then the browser and HTTP tests.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run typecheck
npm run lint
npx vitest run
bash scripts/e2e.sh
