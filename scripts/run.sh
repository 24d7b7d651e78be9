#!/usr/bin/env bash
# One command to try Channelscope: install what is missing, build, start the local soketi
# sandbox (scripts/sandbox.sh) and open the app on it. Arguments go to the app.
#   scripts/run.sh [app arguments…]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Fail before a long build when the app could not open a window anyway.
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    cat >&2 <<'HINT'
run.sh: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the app cannot open a window.
  On a headless machine use a virtual one:  xvfb-run -a -s '-screen 0 1600x1000x24' scripts/run.sh
  or choose a Qt platform explicitly:       QT_QPA_PLATFORM=offscreen scripts/run.sh
HINT
    exit 1
fi

bash "$root/scripts/setup.sh"
bash "$root/scripts/sandbox.sh"
exec "$root/build/app/channelscope" "$@"
