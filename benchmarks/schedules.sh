#!/usr/bin/env bash
# Many schedules at once (C44): ScheduleHarness with 100,000 interval schedules of one run per
# minute each, on the engine (each run a stored request, SQLite, default durability) and then on
# Quartz's in-memory scheduler, in one JVM, with ratios engine/Quartz.
#
#   benchmarks/schedules.sh [--quick] [--skip-build]
#
# Builds the module if needed (mvn package from the repository root, never install). Per scheduler:
# one period to register the schedules (paced, so their slots spread over the minute), one period of
# warm-up, three measured periods. About 10 minutes; --quick (10,000 schedules of one run per 10 s)
# about 2 minutes, to try the script, not for figures. Results: benchmarks/target/bench-results/
# schedules.{log,tsv,machine.txt}.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
out="$here/target/bench-results"
. "$here/common.sh"
bench_options schedules.sh 12 "$@"
bench_build dev/synccenter/bench/ScheduleHarness.class

mkdir -p "$out"
{ nproc; grep -m1 'model name' /proc/cpuinfo || true; uptime; } > "$out/schedules.machine.txt"
lib="$here/target/lib"
cp="$here/target/classes:$(ls "$lib"/*.jar | grep -v 'org.apache.felix.framework' | paste -sd:)"
args=(--schedules=100000 --periodSeconds=60 --periods=3)
if "$quick"; then
    args=(--schedules=10000 --periodSeconds=10 --periods=3)
fi
: > "$out/schedules.tsv"
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx4g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.results="$out/schedules.tsv" -cp "$cp" dev.synccenter.bench.ScheduleHarness "${args[@]}" \
    | tee "$out/schedules.log"
