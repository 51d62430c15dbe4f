#!/usr/bin/env bash
# Longer property-based fuzzing of the API from its OpenAPI document
# (Schemathesis): the same run as scripts/api-contract.sh, which the test
# command runs with a small budget, but with more examples per operation
# (100) and up to 10 minutes. Fails on any 5xx or any response that does not
# match the document. Arguments go to api-contract.sh (--postgres [URL],
# --checks LIST, -- extra `st run` options); the server binary is
# $QR_EVENT_BIN, by default the release build (not built here).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export QR_EVENT_CONTRACT_EXAMPLES="${QR_EVENT_CONTRACT_EXAMPLES:-100}"
export QR_EVENT_CONTRACT_TIMEOUT="${QR_EVENT_CONTRACT_TIMEOUT:-600}"
exec bash scripts/api-contract.sh "$@"
