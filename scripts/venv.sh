#!/usr/bin/env bash
# Create .venv (if needed) and install agent-desktop into it, editable.
#   scripts/venv.sh [EXTRAS]     e.g. scripts/venv.sh test,build
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
[[ -x .venv/bin/python ]] || python3 -m venv .venv
stamp=".venv/.installed-${extras:-app}"
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras:+[$extras]}"
  touch "$stamp"
fi
