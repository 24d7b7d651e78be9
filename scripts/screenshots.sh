#!/usr/bin/env bash
# Renews the README's screenshots: runs the real app under Xvfb against the local sandbox,
# drives some traffic with channelscope-cli, and captures the screen with ImageMagick.
#   scripts/screenshots.sh        (after scripts/setup.sh; writes docs/screenshots/*.png)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/docs/screenshots"
app="$root/build/app/channelscope"
cli="$root/build/app/channelscope-cli"
mkdir -p "$out"
[ -x "$app" ] && [ -x "$cli" ] || { echo "screenshots.sh: build first (scripts/setup.sh)" >&2; exit 1; }
bash "$root/scripts/sandbox.sh" >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PUSHER_APP_ID=app-id PUSHER_APP_KEY=app-key PUSHER_APP_SECRET=app-secret
export PUSHER_HOST=127.0.0.1 PUSHER_PORT=6001 PUSHER_SCHEME=http

# One capture: start the app with a fresh settings file, make traffic, grab the screen.
# $1 = output name, $2 = extra app arguments (e.g. --panel inspect)
shoot() {
    local name="$1"; shift
    xvfb-run -a -s '-screen 0 1600x1000x24' bash -c '
        app="$1"; cli="$2"; shot="$3"; settings="$4"; shift 4
        "$app" -geometry 1600x1000+0+0 --settings "$settings" --profile "Local sandbox" --connect \
            --subscribe orders --subscribe private-orders --subscribe presence-lobby "$@" &
        pid=$!
        sleep 3
        "$cli" listen presence-lobby --user-id ada --user-info "{\"name\":\"Ada Lovelace\"}" --timeout 6 >/dev/null &
        "$cli" listen presence-lobby --user-id grace --user-info "{\"name\":\"Grace Hopper\"}" --timeout 6 >/dev/null &
        sleep 1
        for i in 1 2 3 4 5; do
            "$cli" trigger --channel orders --event order-updated \
                --data "{\"id\":$((1040 + i)),\"status\":\"paid\",\"total\":$((i * 17)).50,\"items\":[{\"sku\":\"A-$i\",\"qty\":$i}]}" >/dev/null
        done
        "$cli" trigger --channel private-orders --event invoice-created --data "{\"invoice\":\"INV-2031\",\"amount\":129.9}" >/dev/null
        sleep 1.5
        # A shot may click somewhere first (SHOT_CLICKS="x,y x,y": select a row, open a tab).
        for click in ${SHOT_CLICKS:-}; do
            xdotool mousemove "${click%,*}" "${click#*,}" click 1; sleep 0.7
        done
        import -window root "$shot"
        kill "$pid"; wait "$pid" 2>/dev/null || true
    ' _ "$app" "$cli" "$out/$name.png" "$work/$name.ini" "$@"
    echo "wrote $out/$name.png"
}

shoot main-window
shoot main-window-dark --theme dark
shoot inspect --panel inspect
shoot profile --panel profile
# A contract violation: the example contracts (examples/contracts) reject the sample orders' SKUs;
# the filter keeps the violating rows, the clicks select the first one and open its Contract tab.
SHOT_CLICKS="${VIOLATION_CLICKS:-700,230 737,629}" shoot contract-violation --contracts "$root/examples/contracts" \
    --filter 'violates:any'
