#!/usr/bin/env bash
# Install the Debian/Ubuntu packages agent-desktop needs.
#   scripts/system-deps.sh          what the app needs (Qt's libraries, a CJK font)
#   scripts/system-deps.sh --test   plus what the tests start for real (PostgreSQL,
#                                   SIP peers, PulseAudio, Xvfb)
set -euo pipefail

APP_PKGS=(python3 python3-venv python3-pip
  libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1
  fonts-noto-cjk libportaudio2)
TEST_PKGS=(postgresql xvfb imagemagick kamailio baresip sip-tester pulseaudio
  pulseaudio-utils libasound2-plugins sox haproxy xdotool kamailio-utils-modules)

pkgs=("${APP_PKGS[@]}")
[[ "${1:-}" == "--test" ]] && pkgs+=("${TEST_PKGS[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
echo "Installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
