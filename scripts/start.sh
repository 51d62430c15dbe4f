#!/usr/bin/env bash
# Build and start QR Event on the embedded default (SQLite in ./data, in-process
# cache, http://127.0.0.1:8080). Extra arguments are passed to `qr-event serve`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/qr-event/target}"

if [[ -f web/package.json ]]; then
    printf '==> building the web UI\n'
    (cd web && npm ci && npm run build)
fi

printf '==> building and starting qr-event\n'
exec cargo run --release --locked -p qr-event-server -- serve "$@"
