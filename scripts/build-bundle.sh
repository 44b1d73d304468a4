#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle (dist/agent-desktop/) and self-check it offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
scripts/venv.sh build
.venv/bin/python scripts/i18n.py release
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build_installer.spec
du -sh dist/agent-desktop
data=$(mktemp -d)
AGENT_DESKTOP_DATA_DIR="$data" AGENT_DESKTOP_CONFIG_DIR="$data" XDG_CONFIG_HOME="$data" \
  LANG=C.UTF-8 dist/agent-desktop/agent-desktop --self-check
rm -rf "$data"
