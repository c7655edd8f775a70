#!/usr/bin/env bash
# Dispatch throughput and CPU time per request of the engine at two commits, side by side in one run.
#
#   benchmarks/compare-engine.sh BASE_REV [ROUNDS]
#
# Builds control-impl at BASE_REV in a temporary git worktree, then runs the JMH dispatch benchmark
# (engine only, 1 and 100 items) alternately with the base engine and with the engine of this work
# tree, ROUNDS times each (default 2), with the CpuTimeProfiler. Both engines run against the same
# benchmark code and control-api of this tree. Prints each run and the ratios this/base. Needs the
# benchmarks built (benchmarks/run.sh builds them). About 1 minute per round.
set -euo pipefail

base=${1:?usage: compare-engine.sh BASE_REV [ROUNDS]}
rounds=${2:-2}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
out="$here/target/compare-engine"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
rm -rf "$out" && mkdir -p "$out"

wt="$out/base-tree"
git -C "$root" worktree add --detach "$wt" "$base" >/dev/null
trap 'git -C "$root" worktree remove --force "$wt" >/dev/null 2>&1 || true' EXIT
echo "== building control-impl at $base"
(cd "$wt" && mvn -B -q -o package -DskipTests -pl control-api,control-impl 2>&1 | tail -5) \
    || (cd "$wt" && mvn -B -q package -DskipTests -pl control-api,control-impl)
base_jar=$(ls "$wt"/control-impl/target/control-impl-*.jar | head -n 1)
cp "$base_jar" "$out/control-impl-base.jar"

lib="$here/target/lib"
others=$(ls "$lib"/*.jar | grep -v -e 'org.apache.felix.framework' -e '/control-impl-' | paste -sd:)
this_jar=$(ls "$lib"/control-impl-*.jar | head -n 1)
declare -A cp=([base]="$here/target/classes:$out/control-impl-base.jar:$others"
               [this]="$here/target/classes:$this_jar:$others")

for round in $(seq 1 "$rounds"); do
    for which in base this; do
        echo "== round $round: $which"
        "$java" -cp "${cp[$which]}" org.openjdk.jmh.Main 'DispatchBenchmark' -p impl=engine -p items=1,100 \
            -wi 3 -w 1s -i 5 -r 1s -f 1 -prof dev.synccenter.bench.CpuTimeProfiler \
            -rf csv -rff "$out/$which-$round.csv" > "$out/$which-$round.log" 2>&1
        grep -E '^DispatchBenchmark' "$out/$which-$round.log" || tail -20 "$out/$which-$round.log"
    done
done

# Mean of each metric per engine and item count, then this/base.
python3 - "$out" "$rounds" <<'PY'
import csv, sys, statistics, collections
out, rounds = sys.argv[1], int(sys.argv[2])
vals = collections.defaultdict(list)
for which in ("base", "this"):
    for r in range(1, rounds + 1):
        for row in csv.DictReader(open(f"{out}/{which}-{r}.csv")):
            metric = "ops/s" if row["Benchmark"].endswith("dispatch") else row["Benchmark"].split(":")[-1]
            vals[(which, row["Param: items"], metric)].append(float(row["Score"]))
print("\n| items | metric | base | this | this/base |\n|---|---|---|---|---|")
for items in ("1", "100"):
    for metric in ("ops/s", "cpu.ns/op"):
        b = statistics.mean(vals[("base", items, metric)])
        t = statistics.mean(vals[("this", items, metric)])
        print(f"| {items} | {metric} | {b:,.0f} | {t:,.0f} | {t / b:.2f} |")
PY
