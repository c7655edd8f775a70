#!/usr/bin/env bash
# kill -9 under load, the long version: the distribution on its store is killed with SIGKILL KILLS
# times at seeded moments while two clients stream start calls, and started again each time; then
# every request whose start call returned must have exactly one result in the history (C36, C37).
# Runs on SQLite (the default store) and on PostgreSQL (a throwaway server, through scripts/test.sh).
#
#   scripts/kill-soak.sh [KILLS] [SEED]      defaults: 20 kills, seed 20261201
#
# The normal test command runs the same tests with 3 kills.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
kills=${1:-20}
seed=${2:-20261201}
exec "$root/scripts/test.sh" -pl distribution -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test='*KillIT' -Dkill.count="$kills" -Dkill.seed="$seed"
