#!/usr/bin/env bash
# Property-based fuzzing of the API from its OpenAPI document (Schemathesis):
# starts a throwaway server on 127.0.0.1 with the embedded database, signs in,
# runs every operation with generated input, and fails on any 5xx or any
# response that does not match the schema. Bounded: 30 examples per
# operation, 10 minutes at most. Needs Python 3 (Schemathesis is installed in
# a virtualenv under $HOME/.cache/qr-event/schemathesis).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/qr-event/target}"
venv="$HOME/.cache/qr-event/schemathesis"
[[ -x "$venv/bin/st" ]] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q 'schemathesis>=4,<5'; }

cargo build -q -p qr-event-server
data=$(mktemp -d)
port=${QR_EVENT_FUZZ_PORT:-8094}
"$CARGO_TARGET_DIR/debug/qr-event" serve --data-dir "$data" --bind "127.0.0.1:$port" --log-level warn \
    --scans-per-minute 1000000 --login-max-per-ip 1000000 --login-max-per-account 1000000 >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

jar="$data/cookies"
register=$(curl -sf -c "$jar" -X POST "http://127.0.0.1:$port/api/v1/auth/register" \
    -H 'content-type: application/json' \
    -d '{"email":"fuzz@example.org","name":"Fuzz","password":"a long enough passphrase"}')
csrf=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$register")
access=$(awk '$6 ~ /qre_access$/ {print $7}' "$jar")

# Run from the temporary directory: Schemathesis keeps its state next to it.
(cd "$data" && timeout 600 "$venv/bin/st" run "http://127.0.0.1:$port/api/openapi.json" \
    --checks not_a_server_error,response_schema_conformance \
    --max-examples 30 \
    --exclude-path /api/v1/auth/logout --exclude-path /api/v1/auth/password --exclude-path /api/v1/auth/refresh \
    -H "Cookie: __Host-qre_access=$access; __Host-qre_csrf=$csrf" -H "X-CSRF-Token: $csrf")

if grep -q '"level":"ERROR"' "$data/server.log"; then
    echo "the server logged errors during fuzzing:" >&2
    grep '"level":"ERROR"' "$data/server.log" | head -5 >&2
    exit 1
fi
