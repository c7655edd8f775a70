#!/usr/bin/env bash
# Soak: many requests through the demo handler of the real distribution, while the handler's jar is
# replaced every few seconds. Reports requests accepted, results received, lost and duplicated, and
# heap and threads before and after. Not part of the normal test command (docs/RELIABILITY.md).
#
#   scripts/soak.sh [requests] [seconds-between-swaps] [in-flight]     defaults: 1000000 3 1000
#
# Exit status: 0 when nothing was lost or duplicated, 1 otherwise, 2 when the run could not be made.
set -euo pipefail

requests=${1:-1000000}
swap_every=${2:-3}
in_flight=${3:-1000}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
dist=$root/distribution/target/sync-center
demo_dir=$root/sample-handlers/demo-handler/target

if [[ ! -x $dist/bin/sync-center ]] || ! ls "$demo_dir"/demo-handler-*-v2.jar >/dev/null 2>&1; then
    echo "Building the distribution first"
    mvn -B -q install -DskipTests -f "$root/pom.xml"
fi
v1=$(ls "$demo_dir"/demo-handler-*.jar | grep -v -- '-v2.jar' | head -n 1)
v2=$(ls "$demo_dir"/demo-handler-*-v2.jar | head -n 1)

work=$(mktemp -d "${TMPDIR:-/tmp}/sync-soak.XXXXXX")
cp -r "$dist" "$work/"
home=$work/sync-center
port=$((20000 + RANDOM % 20000))
sed -i "s/^port=.*/port=$port/" "$home/etc/dev.synccenter.shell.remote.cfg"
printf 'steps=1\nstep.millis=0\n' > "$home/etc/dev.synccenter.sample.demo.cfg"
export SYNC_PORT=$port
sync() { "$home/bin/sync" "$@"; }

echo "Soak: $requests requests, a jar swap every ${swap_every}s, $in_flight in flight; work folder $work"
JAVA_OPTS="${JAVA_OPTS:-} -Xmx1g" "$home/bin/sync-center" > "$work/console.log" 2>&1 &
pid=$!
cleanup() {
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

deadline=$((SECONDS + 60))
until sync handlers 2>/dev/null | grep -q '^demo '; do
    if (( SECONDS > deadline )) || ! kill -0 "$pid" 2>/dev/null; then
        echo "The distribution did not become ready; see $work/console.log" >&2
        exit 2
    fi
    sleep 0.2
done

echo "--- before"
sync vm --gc | tee "$work/vm-before.txt"
sync load demo "$requests" alpha --in-flight "$in_flight"

swaps=0
next=$v2
while sync load-status | awk 'NR == 2 { exit ($9 == "yes" ? 0 : 1) }'; do
    sleep "$swap_every"
    # Replace atomically: write it outside handlers/ on the same file system, then rename
    # (FileInstall must never see half a jar).
    cp "$next" "$home/.demo-handler.jar.part"
    mv "$home/.demo-handler.jar.part" "$home/handlers/demo-handler.jar"
    swaps=$((swaps + 1))
    next=$([[ $next == "$v2" ]] && echo "$v1" || echo "$v2")
    sync load-status | tail -n 1 | awk -v s="$swaps" '{ printf "swap %d: accepted %s, results %s, in flight %s\n", s, $3, $5, $8 }'
done

echo "--- load"
sync load-status | tee "$work/load-status.txt"
echo "--- after"
sync vm --gc | tee "$work/vm-after.txt"
echo "swaps: $swaps"

read -r _ _ accepted refused results not_succeeded duplicates lost _ seconds rate < <(tail -n 1 "$work/load-status.txt")
echo "accepted=$accepted results=$results lost=$lost duplicated=$duplicates refused=$refused not-succeeded=$not_succeeded seconds=$seconds results/s=$rate swaps=$swaps"
[[ $lost == 0 && $duplicates == 0 ]]
