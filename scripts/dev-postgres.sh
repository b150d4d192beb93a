#!/usr/bin/env bash
# A local PostgreSQL cluster for developing against a Postgres-backed Prefect server (docs/SCALING.md).
#
#   scripts/dev-postgres.sh start [DIR] [PORT]   # initialise DIR once (default .postgres/), start it on PORT
#   scripts/dev-postgres.sh stop  [DIR]
#   scripts/dev-postgres.sh url   [DIR] [PORT]   # print the database URL for `briefing server --database`
#
# The cluster lives in DIR (data + socket + log), listens on 127.0.0.1 only, trusts local connections
# (development only: never expose it) and holds one database, `prefect`. Run as root, it runs the
# PostgreSQL commands as the `postgres` user (runuser), since PostgreSQL refuses to run as root.
# PostgreSQL 15 binaries: $PG_BIN, else /usr/lib/postgresql/15/bin (Debian: apt-get install postgresql-15).
set -euo pipefail
# runuser lives in /usr/sbin, which a minimal PATH (cron, env -i, some CI shells) leaves out.
PATH="$PATH:/usr/sbin:/sbin"

cmd=${1:-start}
dir=$(realpath -m "${2:-.postgres}")
port=${3:-5432}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
db=prefect

if [[ ! -x "$PG_BIN/initdb" ]]; then
    echo "error: $PG_BIN/initdb not found (install PostgreSQL 15: apt-get install -y postgresql-15, or set PG_BIN)" >&2
    exit 2
fi

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

url() { echo "postgresql+asyncpg://postgres@127.0.0.1:$port/$db"; }

case "$cmd" in
start)
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        mkdir -p "$dir"
        [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
        as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-instructions >/dev/null
    fi
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $dir" start >/dev/null
    if ! as_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
        as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
    fi
    url
    ;;
stop)
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
url)
    url
    ;;
*)
    echo "usage: $0 start|stop|url [DIR] [PORT]" >&2
    exit 2
    ;;
esac
