#!/usr/bin/env bash
# Runs every benchmark of the sync engine and prints a summary table.
#
#   benchmarks/run.sh [--quick] [--skip-build]
#
# Builds the module if needed (mvn -B package -DskipTests -pl benchmarks -am), then runs, each in its
# own JVM: the JMH dispatch benchmark (engine, bare executor, Quartz, Eclipse Jobs; 1 and 100 items),
# the JMH scaling benchmark (1 to 10,000 handlers; 1 to 1,000 items), a JFR profile of the engine's
# dispatch, the latency, hot-swap, memory, store, Felix bundle update and distribution start-up harnesses,
# and Summary. Results go to benchmarks/target/bench-results/ (dispatch.csv, scaling.csv,
# results.tsv, jfr/, profile.txt, summary.md, *.log). About 7 minutes on 2 cores; --quick shortens
# every phase (about 2 minutes, for trying the script, not for figures).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
out="$here/target/bench-results"
. "$here/common.sh"
bench_options run.sh 13 "$@"
bench_build META-INF/BenchmarkList

lib="$here/target/lib"
# org.eclipse.osgi (Eclipse Jobs) and the Felix framework both carry org.osgi.framework: one class
# path for the JMH benchmarks and the engine harnesses, one for the embedded Felix.
cp_bench="$here/target/classes:$(ls "$lib"/*.jar | grep -v 'org.apache.felix.framework' | paste -sd:)"
cp_felix="$here/target/classes:$(ls "$lib"/*.jar | grep -v -e 'org.eclipse' -e 'quartz' | paste -sd:)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
quiet=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

rm -rf "$out"
mkdir -p "$out"
export results="$out/results.tsv"
: > "$results"

busy() { # percent of all CPUs busy over one second, while none of this script's JVMs runs
    local a b
    read -r -a a < <(grep '^cpu ' /proc/stat)
    sleep 1
    read -r -a b < <(grep '^cpu ' /proc/stat)
    local total=0 idle i
    for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    idle=$((b[4] - a[4] + b[5] - a[5]))
    echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

load() { # records the 1-minute load average (our own previous phase included) and the CPU others use now
    local l o
    l=$(cut -d' ' -f1 /proc/loadavg)
    o=$(busy)
    printf 'load.%s\t%s\tload\n' "$1" "$l" >> "$results"
    printf 'others.%s\t%s\tpercent\n' "$1" "$o" >> "$results"
    echo "== $1 (load average $(cut -d' ' -f1-3 /proc/loadavg); CPU used by other processes just before: $o%; $(date -u +%H:%M:%S) UTC)"
}

{
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "nproc: $(nproc)"
    echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB total, " $7 " MiB available"}')"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "java: $("$java" -version 2>&1 | tr '\n' ' ')"
    echo "uptime: $(uptime)"
    echo "git HEAD: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none)"
    echo "engine measured: control-impl jar sha256 $(sha256sum "$lib"/control-impl-*.jar | cut -c1-12)," \
        "built $(date -u -r "$(ls "$lib"/control-impl-*.jar)" '+%Y-%m-%d %H:%M:%S UTC')," \
        "uncommitted changes in control-impl: $(git -C "$root" status --short -- control-impl control-api 2>/dev/null | wc -l)"
} > "$out/machine.txt"
cat "$out/machine.txt"

if "$quick"; then
    jmh_time=(-wi 1 -w 1s -i 1 -r 1s -f 1)
    lat=(--warmup=1 --peakSeconds=1 --seconds=3)
    low=(--warmup=1 --seconds=2)
    swaps=(--swaps=4)
    mem=(--requests=200000)
    recovery=(--requests=100000)
    store=(--seconds=1)
    jfr_secs=5
    runs=2
else
    jmh_time=(-wi 5 -w 1s -i 5 -r 1s -f 1)
    lat=(--warmup=3 --peakSeconds=3 --seconds=10)
    low=(--warmup=2 --seconds=5)
    swaps=(--swaps=10)
    mem=(--requests=1000000)
    recovery=(--requests=1000000)
    store=(--seconds=5)
    jfr_secs=15
    runs=4
fi

load dispatch
"$java" -cp "$cp_bench" org.openjdk.jmh.Main 'DispatchBenchmark' "${jmh_time[@]}" \
    -rf csv -rff "$out/dispatch.csv" > "$out/dispatch.log" 2>&1 || { tail -n 40 "$out/dispatch.log"; exit 1; }
sed -n '/^Benchmark /,$p' "$out/dispatch.log"

load scaling
"$java" -cp "$cp_bench" org.openjdk.jmh.Main 'ScalingBenchmark' "${jmh_time[@]}" \
    -rf csv -rff "$out/scaling.csv" > "$out/scaling.log" 2>&1 || { tail -n 40 "$out/scaling.log"; exit 1; }
sed -n '/^Benchmark /,$p' "$out/scaling.log"

load profile
# CPU samples every 1 ms and lock waits from 50 us, during the engine's 1-item dispatch.
jdk_home=$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")
sed -e 's#<setting name="period" control="method-sampling-java-interval">[^<]*<#<setting name="period" control="method-sampling-java-interval">1 ms<#' \
    -e 's#control="locking-threshold">[^<]*<#control="locking-threshold">50 us<#' \
    "$jdk_home/lib/jfr/profile.jfc" > "$out/hotpath.jfc"
"$java" -cp "$cp_bench" org.openjdk.jmh.Main 'DispatchBenchmark' -p impl=engine -p items=1 \
    -wi 2 -w 1s -i 1 -r "${jfr_secs}s" -f 1 -prof "jfr:dir=$out/jfr;configName=$out/hotpath.jfc" \
    > "$out/profile.log" 2>&1 || { tail -n 40 "$out/profile.log"; exit 1; }
"$java" -cp "$cp_bench" dev.synccenter.bench.JfrTop "$out/jfr" 25 > "$out/profile.txt"
head -n 45 "$out/profile.txt"

load latency
"$java" -Xms2g -Xmx2g "${quiet[@]}" -Dbench.results="$results" -cp "$cp_bench" \
    dev.synccenter.bench.LatencyHarness "${lat[@]}" | tee "$out/latency.log"
# The same at 2,000 requests/s, to tell the engine's own latency from the cost of running near its peak.
"$java" -Xms2g -Xmx2g "${quiet[@]}" -Dbench.results="$results" -cp "$cp_bench" \
    dev.synccenter.bench.LatencyHarness --label=latencyLow --rate=2000 "${low[@]}" | tee -a "$out/latency.log"

load hotswap
"$java" -Xmx1g "${quiet[@]}" -Dbench.results="$results" -cp "$cp_bench" \
    dev.synccenter.bench.HotSwapHarness "${swaps[@]}" | tee "$out/hotswap.log"

load memory
"$java" -Xms4g -Xmx4g "${quiet[@]}" -Dbench.results="$results" -cp "$cp_bench" \
    dev.synccenter.bench.MemoryHarness "${mem[@]}" --histogram=1 | tee "$out/memory.log"

load recovery
# A crash with many requests queued: the time to resume them all, and their heap per request (C37).
"$java" "${quiet[@]}" -Dbench.results="$results" -cp "$cp_bench" dev.synccenter.bench.RecoveryHarness \
    "${recovery[@]}" | tee "$out/recovery.log"

load store
# Accepted requests through the store on SQLite, with and without group commit, for each durability.
"$java" "${quiet[@]}" -Dbench.results="$results" -cp "$cp_bench" dev.synccenter.bench.StoreHarness \
    "${store[@]}" | tee "$out/store.log"

demo="$root/sample-handlers/demo-handler/target/demo-handler-0.1.0-SNAPSHOT.jar"
demo2="$root/sample-handlers/demo-handler/target/demo-handler-0.1.0-SNAPSHOT-v2.jar"
if [[ -f $demo && -f $demo2 ]]; then
    load felix
    "$java" -Xmx1g "${quiet[@]}" -Dbench.results="$results" -cp "$cp_felix" \
        dev.synccenter.bench.FelixUpdateHarness --bundles="$here/target/felix-bundles" \
        --demo="$demo" --demoV2="$demo2" "${swaps[@]/--swaps/--updates}" | tee "$out/felix.log"
else
    echo "== felix: SKIPPED, the demo handler jars are not built ($demo, $demo2)"
fi

dist="$root/distribution/target/sync-center"
if [[ -x $dist/bin/sync-center ]]; then
    load startup
    "$java" -Dbench.results="$results" -cp "$cp_bench" dev.synccenter.bench.StartupHarness \
        --home="$dist" --runs="$runs" | tee "$out/startup.log"
else
    echo "== startup: SKIPPED, the distribution is not built ($dist)"
fi

load end
echo
"$java" -cp "$cp_bench" dev.synccenter.bench.Summary "$out"
