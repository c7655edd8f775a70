# Sourced by bin/sync-center: refuses to start a second platform from the same folder, or on a port
# that another process listens on, with a message that names the setting to change (exit 1).

# The last value of KEY in FILE ("key=value" lines, comments ignored), or DEFAULT.
setting() {
    local file=$1 key=$2 default=$3 value
    value=$(sed -n "s/^[[:space:]]*${key//./\\.}[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p" "$file" 2>/dev/null | tail -n 1)
    echo "${value:-$default}"
}

# Whether something accepts connections on 127.0.0.1:PORT (an address bound to all interfaces too).
port_taken() {
    timeout 2 bash -c ": </dev/tcp/127.0.0.1/$1" 2>/dev/null
}

refuse_second_instance() {
    local home=$1 lock="$1/logs/.sync-center.lock"
    if command -v flock >/dev/null 2>&1; then
        exec 9>>"$lock"
        if ! flock -n 9; then
            local holder
            holder=$(cat "$lock" 2>/dev/null)
            # A platform killed a moment ago may not have let go of the lock yet: wait for it then,
            # but not for a platform that runs.
            if [[ -z $holder ]] || kill -0 "$holder" 2>/dev/null || ! flock -w 10 9; then
                echo "sync-center: this distribution ($home) is running already, as process ${holder:-unknown}." \
                     "Stop it first (kill -TERM), or start a copy of the distribution from another folder." >&2
                exit 1
            fi
        fi
        echo "$$" >"$lock" # the JVM's process ID, since the script execs java
    fi

    local endpoint_file="$home/etc/dev.synccenter.shell.remote.cfg" http_file="$home/conf/config.properties"
    local endpoint http
    endpoint=$(setting "$endpoint_file" port 7654)
    http=$(setting "$http_file" org.osgi.service.http.port 7655)
    # A -D in JAVA_OPTS overrides conf/config.properties.
    if [[ ${JAVA_OPTS:-} =~ -Dorg\.osgi\.service\.http\.port=([0-9]+) ]]; then
        http=${BASH_REMATCH[1]}
        http_file="JAVA_OPTS (-Dorg.osgi.service.http.port)"
    fi
    if [[ $endpoint != 0 ]] && port_taken "$endpoint"; then
        echo "sync-center: port $endpoint on 127.0.0.1 is in use (another Sync Center, or another program)," \
             "so bin/sync would reach that process instead of this one. To run this copy beside it, set" \
             "port=<a free port> in $endpoint_file (0 turns the command endpoint off)." >&2
        exit 1
    fi
    if port_taken "$http"; then
        echo "sync-center: port $http on 127.0.0.1 is in use (another Sync Center, or another program)," \
             "so the HTTP API and web console could not listen. To run this copy beside it, set" \
             "org.osgi.service.http.port=<a free port> in $http_file." >&2
        exit 1
    fi
}
