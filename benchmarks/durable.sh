#!/usr/bin/env bash
# Durable dispatch side by side in one run: the engine on SQLite and on PostgreSQL, db-scheduler and
# Quartz's JDBC job store on the same PostgreSQL, and the disk's own fsync rate.
#
#   benchmarks/durable.sh [--quick] [--skip-build]
#
# Starts a throwaway PostgreSQL cluster on a free port of 127.0.0.1 (its data directory under
# benchmarks/target, so on the same filesystem as the fsync probe), builds the module if needed
# (mvn package from the repository root, never install), runs FsyncProbe (3 s per mode) and
# DurableDispatchHarness twice, with one submitting thread and with 64 (3 rounds of 3 s warm-up + 8 s
# measured per implementation each), stops and removes the cluster. Results:
# benchmarks/target/bench-results/durable.{machine.txt,fsync.log,log,tsv,md}.
# About 5 minutes once built; --quick (2 short rounds) about 1.5 minutes, to try the script, not for figures.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
out="$here/target/bench-results"
. "$here/common.sh"
bench_options durable.sh 13 "$@"
bench_build dev/synccenter/bench/DurableDispatchHarness.class

# PostgreSQL: the newest installed major version; Debian's packages if there is none.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z $pg_bin ]]; then
    echo "== installing PostgreSQL (apt-get)"
    apt-get update -q && apt-get install -y -q postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
# PostgreSQL refuses to run as root: as root, run it as the postgres user.
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
    as_pg=(runuser -u postgres --)
fi

port=54330
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
done

mkdir -p "$here/target" "$out"
pg_dir=$(mktemp -d "$here/target/durable-pg.XXXXXX")
stop_pg() {
    if [[ -f $pg_dir/data/postmaster.pid ]]; then
        "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop > /dev/null || true
    fi
    rm -rf "$pg_dir"
}
trap stop_pg EXIT
if [[ ${#as_pg[@]} -gt 0 ]]; then
    chown postgres "$pg_dir"
fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres > "$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log"; exit 1; }
# Defaults otherwise (fsync on, synchronous_commit on, full_page_writes on): a commit is durable.
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1" -w start > /dev/null \
    || { cat "$pg_dir/log"; exit 1; }
export SYNCCENTER_BENCH_PG_URL="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"

rm -f "$out"/durable.*
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "java: $(java -version 2>&1 | head -n 1)"
    echo "postgresql: $("$pg_bin/postgres" --version) on 127.0.0.1:$port, data in $pg_dir"
    echo "filesystem: $(df -T "$here/target" | awk 'NR == 2 {print $1 " " $2}')"
    echo "uptime before: $(uptime)"
    echo "git HEAD: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none)"
} > "$out/durable.machine.txt"
cat "$out/durable.machine.txt"

lib="$here/target/lib"
# The same class path as run.sh's JMH runs (no Felix framework: org.eclipse.osgi is there too).
cp_bench="$here/target/classes:$(ls "$lib"/*.jar | grep -v 'org.apache.felix.framework' | paste -sd:)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
quiet=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
if "$quick"; then
    probe=(--seconds=1)
    harness=(--rounds=2 --warmup=1 --seconds=3 --fsyncSeconds=0.5)
else
    probe=(--seconds=3)
    harness=(--rounds=3 --warmup=3 --seconds=8 --fsyncSeconds=1)
fi

echo "== fsync probe"
(cd "$here/target" && "$java" "${quiet[@]}" -Dbench.results="$out/durable.tsv" -cp "$cp_bench" \
    dev.synccenter.bench.FsyncProbe "${probe[@]}" --dir=.) | tee "$out/durable.fsync.log"

# One submitting thread (one caller, each start call waiting for its commit), then 64 at once (what
# group commit is for: concurrent callers sharing commits); the same for every implementation.
: > "$out/durable.md"
for submitters in 1 64; do
    echo "== durable dispatch, $submitters submitting thread(s)"
    (cd "$here/target" && "$java" -Xmx1g "${quiet[@]}" -Dbench.results="$out/durable.tsv" -cp "$cp_bench" \
        dev.synccenter.bench.DurableDispatchHarness "${harness[@]}" --submitters="$submitters" --dir=. \
        --out="$out/durable.$submitters.md") | tee -a "$out/durable.log"
    cat "$out/durable.$submitters.md" >> "$out/durable.md"
    echo >> "$out/durable.md"
done
echo "uptime after: $(uptime)" | tee -a "$out/durable.machine.txt"
