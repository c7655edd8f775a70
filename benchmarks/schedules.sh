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
quick=false
build=true
for arg in "$@"; do
    case "$arg" in
        --quick) quick=true ;;
        --skip-build) build=false ;;
        -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "schedules.sh: unknown argument '$arg'" >&2; exit 64 ;;
    esac
done

if "$build"; then
    marker="$here/target/classes/dev/synccenter/bench/ScheduleHarness.class"
    newest_source=$(find "$here/src/main" "$here/pom.xml" -newer "$marker" 2>/dev/null | head -n 1 || true)
    if [[ ! -f $marker || ! -d "$here/target/lib" || -n "$newest_source" ]]; then
        echo "== building benchmarks"
        (cd "$root" && { mvn -B -q -o package -DskipTests -pl benchmarks -am > /dev/null 2>&1 \
            || mvn -B -q package -DskipTests -pl benchmarks -am; })
    fi
fi

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
