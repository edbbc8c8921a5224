#!/usr/bin/env bash
# The slow fault tests (minutes): kill -9 and SIGTERM under write load, two instances on one
# PostgreSQL, the production start, and operations (logs, metrics, readiness, SIGTERM, the cluster),
# and behind PgBouncer (scripts/faults/pgbouncer.sh) the migrations through its direct URL.
# On the embedded engine unless DATABASE_URL names a PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
[ -f .next/portal-server.mjs ] || npm run build
node --import tsx scripts/faults/crash.ts
node --import tsx scripts/faults/sigterm.ts
node --import tsx scripts/faults/two-instances.ts
# FAULTS_POOLED=1 (CI's pass behind PgBouncer): only what a transaction pooler can change, writes
# under kill -9 and SIGTERM, two instances, migrations through the direct URL; the start, the
# logs and metrics and the queues' isolation ran on the same server without it just before.
if [ -z "${FAULTS_POOLED:-}" ]; then
  node --import tsx scripts/faults/production-start.ts
  node --import tsx scripts/faults/operations.ts
  node --import tsx scripts/faults/background-isolation.ts
fi
node --import tsx scripts/faults/pgbouncer-migrations.ts
