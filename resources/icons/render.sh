#!/usr/bin/env bash
# Renders the app icon's PNG sizes from the SVG (rsvg-convert, Debian's librsvg2-bin). The PNGs
# are committed, so a build needs no SVG tool; run this after editing the SVG.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
id=io.github.channelscope.Channelscope
for size in 16 24 32 48 64 128 256; do
    mkdir -p "hicolor/${size}x${size}"
    rsvg-convert -w "$size" -h "$size" "$id.svg" -o "hicolor/${size}x${size}/$id.png"
done
