#!/usr/bin/env bash
# Set up and run agent-desktop. With no server configured it starts its embedded
# server with demo data and signs in as the demo operator. Arguments go to the app
# (e.g. --lang en, --server-url https://…, --self-check).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
scripts/venv.sh
export LANG="${LANG:-C.UTF-8}"
exec .venv/bin/agent-desktop "$@"
