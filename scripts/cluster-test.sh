#!/usr/bin/env bash
# The production shape under faults, on 127.0.0.1 only: nginx (with
# deploy/nginx/qr-event-locations.conf unchanged) in front of three qr-event
# instances, a private PostgreSQL (initdb in a temporary directory, its own
# port) and a private Redis (no persistence). Through nginx: an organizer, an
# event running now and its tickets, then for about a minute a door scan
# storm (distinct codes, re-presentations, the same code at two doors at
# once; a scan that meets a network failure or a 5xx is sent again with the
# same scan_id, as a door phone does), dashboard readers and a sign-in burst,
# while:
#   1. one instance is killed (SIGKILL) and started again on its port;
#   2. Redis is killed and started again on its port;
#   3. PostgreSQL is stopped (-m fast) and started again a few seconds later.
# Then it checks (scripts/cluster/verdict.py): no acknowledged admission
# lost, no ticket admitted twice (the answers, the tickets, the audit log and
# the live figures agree), no 5xx while PostgreSQL was up, only 503
# problem+json with Retry-After while it was away, scans succeeding again
# within 10 s of each fault's end with no instance restarted, /readyz
# degraded during the Redis outage and back to `cache: redis` after it.
# Prints a summary by phase and writes it as JSON. Everything it started is
# stopped and its temporary directory removed, whatever happens.
#
# Usage: scripts/cluster-test.sh [driver options, see scripts/cluster/run.py]
#
# Environment:
#   QR_EVENT_BIN               server binary (default: the release build in
#                              $CARGO_TARGET_DIR, never built here; copied
#                              to the temporary directory before the run)
#   QR_EVENT_CLUSTER_TICKETS   tickets issued (default 10000)
#   QR_EVENT_CLUSTER_RATE      door scans started per second (default 150)
#   QR_EVENT_CLUSTER_WORKERS   concurrent door workers (default 24, plus two
#                              that scan the same tickets at once)
#   QR_EVENT_CLUSTER_REPORT    JSON report (default
#                              $HOME/.cache/qr-event/cluster-report.json)
#   QR_EVENT_CLUSTER_TIMEOUT   wall-time limit of the driver in seconds
#                              (default 220); exceeding it fails
#   QR_EVENT_PG_BIN            PostgreSQL's bin directory (default: the
#                              newest /usr/lib/postgresql/*/bin)
#
# Needs PostgreSQL's server binaries, redis-server, nginx and python3
# (standard library only); as root, PostgreSQL runs as the postgres user
# (runuser). On failure the logs are kept in $HOME/.cache/qr-event/cluster-logs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/qr-event/target}"
bin="${QR_EVENT_BIN:-$CARGO_TARGET_DIR/release/qr-event}"
report="${QR_EVENT_CLUSTER_REPORT:-$HOME/.cache/qr-event/cluster-report.json}"
logs_dir="$HOME/.cache/qr-event/cluster-logs"
time_limit="${QR_EVENT_CLUSTER_TIMEOUT:-220}"

fail() {
    echo "cluster-test: $*" >&2
    exit 1
}

[[ -x "$bin" ]] || fail "no server binary at $bin (build it with 'cargo build --release -p qr-event-server', or set QR_EVENT_BIN)"
pg_bin="${QR_EVENT_PG_BIN:-}"
if [[ -z "$pg_bin" ]]; then
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
[[ -x "$pg_bin/initdb" && -x "$pg_bin/pg_ctl" ]] ||
    fail "no PostgreSQL server binaries (initdb, pg_ctl) in '${pg_bin}' (Debian: postgresql; or set QR_EVENT_PG_BIN)"
for tool in redis-server nginx python3; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (Debian: apt-get install redis-server nginx python3)"
done
if [[ "$(id -u)" -eq 0 ]]; then
    id postgres >/dev/null 2>&1 && command -v runuser >/dev/null 2>&1 ||
        fail "running as root needs the postgres user and runuser (PostgreSQL refuses to run as root)"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qre-cluster.XXXXXX")
# PostgreSQL runs as another user when this runs as root: it must reach its
# directory inside this one.
chmod 711 "$tmp"

driver=""

# A recorded pid still ours: its command line or working directory is in
# the temporary directory (Redis renames itself but works in its --dir).
ours() {
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "$tmp" ||
        [[ "$(readlink "/proc/$1/cwd" 2>/dev/null)" == "$tmp"/* ]]
}

any_alive() {
    local p
    for p in "$@"; do kill -0 "$p" 2>/dev/null && return 0; done
    return 1
}

cleanup() {
    local rc=$? f pid pids=()
    # Interrupted: the driver stops what it started (SIGTERM reaches it
    # through timeout).
    if [[ -n "$driver" ]] && kill -0 "$driver" 2>/dev/null; then
        kill -TERM "$driver" 2>/dev/null || true
        for _ in $(seq 150); do any_alive "$driver" || break; sleep 0.1; done
    fi
    # The driver stops everything itself; this is for when it could not
    # (killed by the time limit, or dead). Only the pids it recorded.
    for f in "$tmp"/pids/*; do
        [[ -f "$f" ]] || continue
        pid=$(cat "$f")
        if kill -0 "$pid" 2>/dev/null && ours "$pid"; then
            # With its children: nginx's workers.
            pids+=("$pid" $(pgrep -P "$pid" 2>/dev/null || true))
        fi
    done
    if [[ ${#pids[@]} -gt 0 ]]; then
        kill -TERM "${pids[@]}" 2>/dev/null || true
        for _ in $(seq 50); do
            any_alive "${pids[@]}" || break
            sleep 0.1
        done
        kill -KILL "${pids[@]}" 2>/dev/null || true
    fi
    if [[ -f "$tmp/pg/data/postmaster.pid" ]]; then
        local as=()
        [[ "$(id -u)" -ne 0 ]] || as=(runuser -u postgres --)
        "${as[@]}" "$pg_bin/pg_ctl" -D "$tmp/pg/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
    fi
    if [[ $rc -ne 0 && -d "$tmp/logs" ]]; then
        rm -rf "$logs_dir" && mkdir -p "$logs_dir"
        cp "$tmp"/logs/* "$logs_dir/" 2>/dev/null || true
        cp "$tmp/pg/postgres.log" "$tmp/nginx/error.log" "$tmp/nginx/access.log" "$logs_dir/" 2>/dev/null || true
        echo "cluster-test: logs kept in $logs_dir" >&2
    fi
    rm -rf "$tmp"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A copy: the build directory's binary may be replaced during the run.
cp "$bin" "$tmp/qr-event"

echo "[cluster] $bin; PostgreSQL $("$pg_bin/postgres" -V | awk '{print $3}'), $(redis-server --version | awk '{print $3}'), $(nginx -v 2>&1 | sed 's/.*: //')"
start=$(date +%s)
# In the background, so that a signal to this script is handled at once
# (bash runs traps only between foreground commands).
timeout --kill-after=10 "$time_limit" python3 -B scripts/cluster/run.py \
    --tmp "$tmp" --repo "$PWD" --bin "$tmp/qr-event" --bin-label "$bin" --pg-bin "$pg_bin" --report "$report" \
    --tickets "${QR_EVENT_CLUSTER_TICKETS:-10000}" --rate "${QR_EVENT_CLUSTER_RATE:-150}" \
    --workers "${QR_EVENT_CLUSTER_WORKERS:-24}" "$@" &
driver=$!
set +e
wait "$driver"
rc=$?
set -e
driver=""
echo "[cluster] finished in $(($(date +%s) - start))s with status $rc"
[[ $rc -ne 124 ]] || echo "cluster-test: the run did not finish within ${time_limit}s" >&2
[[ $rc -ne 137 ]] || echo "cluster-test: the driver was killed" >&2
exit "$rc"
