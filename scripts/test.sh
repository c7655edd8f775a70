#!/usr/bin/env bash
# Runs every test: starts a throwaway PostgreSQL cluster for the store's tests, runs
# `mvn -B verify` with the arguments given (for example -pl control-impl -am), and removes the
# cluster again. The store's PostgreSQL tests find the server through SYNCCENTER_TEST_PG_URL and
# fail without it, so run the tests through this script (CI does: .ci/run).
#
#   scripts/test.sh [mvn arguments...]
#
# PostgreSQL refuses to run as root; as root the cluster runs as the user postgres (runuser).
# Chromium and chromedriver (Debian packages) are installed the same way for the web console's
# browser tests.
# Exit status: Maven's, or 2 when PostgreSQL or Chromium could not be set up.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"

newest_pg_bin() {
    local initdb
    initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
    [[ -n $initdb ]] && dirname "$initdb"
}

as_root=false
[[ $(id -u) -eq 0 ]] && as_root=true

bin=$(newest_pg_bin || true)
if [[ -z $bin ]]; then
    if ! $as_root; then
        echo "scripts/test.sh: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb), and only" \
             "root can install it. Install it (Debian: apt-get install postgresql) and run this again." >&2
        exit 2
    fi
    echo "Installing PostgreSQL for the store's tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q postgresql
    bin=$(newest_pg_bin)
fi

# The web console's browser tests (distribution: ConsoleBrowserIT, ConsoleScaleIT) drive Debian's
# Chromium through its chromedriver; they fail, never skip, without them.
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
    if ! $as_root; then
        echo "scripts/test.sh: /usr/bin/chromium and /usr/bin/chromedriver are needed by the web console's" \
             "browser tests, and only root can install them. Install them (Debian: apt-get install chromium" \
             "chromium-driver) and run this again." >&2
        exit 2
    fi
    echo "Installing Chromium and its driver for the web console's browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q chromium chromium-driver
fi

as_pg() {
    if $as_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir=$(mktemp -d "${TMPDIR:-/tmp}/synccenter-pg.XXXXXX")
cleanup() {
    if [[ -f $dir/data/postmaster.pid ]]; then
        as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if $as_root; then
    install -d -o postgres -m 700 "$dir"
fi

if ! as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1; then
    echo "scripts/test.sh: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    exit 2
fi

# A free port on 127.0.0.1: try a few at random; another process may take one between the check
# and the start, so a failed start tries the next.
started=false
for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        continue # taken
    fi
    if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null 2>&1; then
        started=true
        break
    fi
done
if ! $started; then
    echo "scripts/test.sh: the PostgreSQL cluster did not start:" >&2
    cat "$dir/server.log" >&2 || true
    exit 2
fi
as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres synccenter_test

export SYNCCENTER_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/synccenter_test?user=postgres"
echo "scripts/test.sh: $("$bin/postgres" --version) on 127.0.0.1:$port for the store's tests"

status=0
mvn -B verify "$@" || status=$?
exit $status
