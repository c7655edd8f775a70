# Sourced by the benchmark scripts (run.sh, durable.sh, schedules.sh): their options and the build of the
# module. Expects $here (this folder) and $root (the repository) to be set.

# Reads --quick, --skip-build and --help; sets $quick and $build. $1 is the script's name, $2 the
# last line of its header comment (printed by --help); the rest are the script's arguments.
bench_options() {
    local name=$1 last=$2
    shift 2
    quick=false
    build=true
    for arg in "$@"; do
        case "$arg" in
            --quick) quick=true ;;
            --skip-build) build=false ;;
            -h|--help) sed -n "2,${last}p" "$here/$name" | sed 's/^# \{0,1\}//'; exit 0 ;;
            *) echo "$name: unknown argument '$arg'" >&2; exit 64 ;;
        esac
    done
}

# Builds the module (mvn package from the repository root, never install) unless $build is false or
# the class $1 (a path under target/classes) is newer than every source of it and of the engine.
bench_build() {
    "$build" || return 0
    local marker="$here/target/classes/$1" newest_source
    newest_source=$(find "$here/src/main" "$here/pom.xml" "$root/control-api/src/main" "$root/control-impl/src/main" \
        -newer "$marker" 2>/dev/null | head -n 1 || true)
    if [[ ! -f $marker || ! -d "$here/target/lib" || -n "$newest_source" ]]; then
        echo "== building benchmarks"
        # Offline first (the usual case once the artifacts are downloaded), online if that fails.
        (cd "$root" && { mvn -B -q -o package -DskipTests -pl benchmarks -am > /dev/null 2>&1 \
            || mvn -B -q package -DskipTests -pl benchmarks -am; })
    fi
}
