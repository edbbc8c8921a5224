#!/usr/bin/env bash
# Runs a command with the app behind PgBouncer in transaction pooling, the way many PostgreSQL
# hosts put it: starts Debian's pgbouncer on a free port in front of DATABASE_URL's server, then
# runs the command with DATABASE_URL pointing at it (same database) and DATABASE_DIRECT_URL at the
# server itself, for migrations, whose session lock a transaction pooler would leak (README,
# "Behind PgBouncer"). The fault suite's scripts/faults/pgbouncer-migrations.ts checks that setup.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/db scripts/faults/pgbouncer.sh npm run test:faults
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?pgbouncer.sh needs DATABASE_URL (a local PostgreSQL server)}"
[ "$#" -gt 0 ] || { echo "usage: DATABASE_URL=… $0 <command…>" >&2; exit 2; }

if [ ! -x /usr/sbin/pgbouncer ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's pgbouncer for the pooled pass…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer) >/dev/null
  else
    echo "The pooled pass needs Debian's pgbouncer at /usr/sbin/pgbouncer: run 'sudo apt-get install pgbouncer'." >&2
    exit 1
  fi
fi
direct_url=$DATABASE_URL
read -r host port < <(node -e 'const u = new URL(process.argv[1]); console.log(u.hostname, u.port || 5432)' "$direct_url")
case "$host" in 127.0.0.1|localhost) ;; *) echo "pgbouncer.sh runs against a local server only" >&2; exit 2 ;; esac
listen_port=$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')

dir=$(mktemp -d /tmp/pgbouncer-XXXXXX)
cat > "$dir/pgbouncer.ini" <<EOF
[databases]
* = host=$host port=$port
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $listen_port
unix_socket_dir =
auth_type = trust
auth_file = $dir/users.txt
pool_mode = transaction
ignore_startup_parameters = extra_float_digits,options
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
EOF
# trust still needs the user listed.
node -e 'console.log(`"${decodeURIComponent(new URL(process.argv[1]).username) || "postgres"}" ""`)' "$direct_url" > "$dir/users.txt"

# PgBouncer refuses to run as root; -u drops to the postgres user, who must own its files.
as_user=()
if [ "$(id -u)" = 0 ]; then
  chown -R postgres "$dir"
  as_user=(-u postgres)
fi
/usr/sbin/pgbouncer -d "${as_user[@]}" "$dir/pgbouncer.ini"
stop() {
  [ -f "$dir/pgbouncer.pid" ] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
  rm -rf "$dir"
}
trap stop EXIT
for _ in $(seq 50); do pg_isready -h 127.0.0.1 -p "$listen_port" -q && break; sleep 0.1; done

pooled_url=$(node -e 'const u = new URL(process.argv[1]); u.host = `127.0.0.1:${process.argv[2]}`; console.log(u.toString())' "$direct_url" "$listen_port")
echo "PgBouncer $(/usr/sbin/pgbouncer --version | head -1 | awk '{print $2}') (transaction pooling) on 127.0.0.1:$listen_port in front of $host:$port"
DATABASE_URL=$pooled_url DATABASE_DIRECT_URL=$direct_url "$@"
