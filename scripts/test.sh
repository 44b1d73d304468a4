#!/usr/bin/env bash
# Set up everything the tests need and run them: real server over 127.0.0.1, real
# SQLite and PostgreSQL, real SIP peers, Qt offscreen. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh --test
scripts/venv.sh test
export LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q -ra "$@"
