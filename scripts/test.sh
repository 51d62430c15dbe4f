#!/usr/bin/env bash
# Full test suite: formatting, lints, unit and HTTP integration tests (SQLite and
# PostgreSQL), the API contract check (Schemathesis), the cluster fault test,
# then the web UI checks when the web app is present.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/qr-event/target}"
export QR_EVENT_TEST_DATABASE_URL="${QR_EVENT_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"

step() {
    printf '\n==> %s\n' "$*"
}

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (workspace, all targets, -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

# Dependency hygiene: licenses, banned crates (OpenSSL), sources (deny.toml).
step "cargo deny check licenses bans sources"
if ! command -v cargo-deny >/dev/null 2>&1; then
    cargo install cargo-deny --locked --version 0.20.2
fi
cargo deny --log-level error check licenses bans sources

step "cargo test (workspace; PostgreSQL at $QR_EVENT_TEST_DATABASE_URL)"
cargo test --workspace --locked

# The API against its own OpenAPI document (Schemathesis with every check and
# the stateful phase, bounded, fixed seed): 0 failures, on SQLite and on
# PostgreSQL.
# The server is the debug binary `cargo test` has just built from this tree.
step "API contract: Schemathesis (SQLite)"
QR_EVENT_BIN="$CARGO_TARGET_DIR/debug/qr-event" bash scripts/api-contract.sh

step "API contract: Schemathesis (PostgreSQL)"
QR_EVENT_BIN="$CARGO_TARGET_DIR/debug/qr-event" bash scripts/api-contract.sh --postgres "$QR_EVENT_TEST_DATABASE_URL"

# The production shape under faults: nginx with deploy/nginx's rules in front
# of three instances on a private PostgreSQL and Redis (their own ports, not
# the ones above), a door scan storm while an instance is killed, Redis is
# killed and PostgreSQL restarts: no admission lost or doubled, no 5xx but
# the server's 503s while the database is away, recovery within 10 s.
# About 75 s; the debug binary, at a lighter load than the release figures.
step "cluster fault test (nginx, three instances, PostgreSQL and Redis restarts)"
QR_EVENT_BIN="$CARGO_TARGET_DIR/debug/qr-event" QR_EVENT_CLUSTER_RATE=80 QR_EVENT_CLUSTER_WORKERS=16 \
    QR_EVENT_CLUSTER_TICKETS=6000 bash scripts/cluster-test.sh

# The production files in deploy/: Prometheus alert rules and their unit
# tests (promtool), the Prometheus configs, nginx -t on every site, the
# Grafana dashboard's queries. Needs Debian's prometheus and nginx.
step "deploy/: promtool check rules + test rules, nginx -t, dashboard"
bash deploy/check.sh

if [[ -f web/package.json ]]; then
    step "web: npm ci"
    (cd web && npm ci)

    step "web: npm run check:api (API types match the server's OpenAPI document)"
    (cd web && npm run check:api)

    step "web: npm run lint"
    (cd web && npm run lint)

    step "web: npm test"
    (cd web && npm test)

    if [[ -d web/e2e ]]; then
        step "web: npm run build"
        (cd web && npm run build)

        step "web: npm run e2e"
        (cd web && npm run e2e)
    else
        step "web: no web/e2e, skipping browser tests"
    fi
else
    step "no web/package.json, skipping web checks"
fi

step "all checks passed"
