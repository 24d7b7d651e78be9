#!/usr/bin/env bash
# Builds the Debian package build-package/channelscope_<version>_<arch>.deb: only the app, the
# CLI and the man page, Release, in build-package/ (ccache when present), then CPack, which
# declares the runtime dependencies through dpkg-shlibdeps.
#   scripts/package.sh [--install-check]
#   --install-check  then installs the .deb with apt-get (root or sudo), runs the installed
#                    channelscope-cli and the app (offscreen), checks the desktop entry, icon,
#                    metainfo and man page under /usr, and removes the package again
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
check=0
for arg in "$@"; do
    case "$arg" in
        --install-check) check=1 ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "package.sh: unknown option $arg (use --install-check)" >&2; exit 2 ;;
    esac
done

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else echo "package.sh: need root or sudo to run: $*" >&2; exit 1
    fi
}

build="$root/build-package"
if [ -z "${CMAKE_CXX_COMPILER_LAUNCHER:-}" ] && command -v ccache >/dev/null; then
    export CMAKE_CXX_COMPILER_LAUNCHER=ccache CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}"
fi
# No tests, and an install (CPack's too) that does not first build everything (the benchmark).
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCS_BUILD_TESTS=OFF \
    -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >/dev/null
cmake --build "$build" -j"${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
    --target channelscope channelscope-cli channelscope-manpage
rm -f "$build"/channelscope_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
debs=("$build"/channelscope_*.deb)
deb="${debs[0]}"
[ -f "$deb" ] || { echo "package.sh: cpack made no .deb in $build" >&2; exit 1; }
echo "package: $deb"
dpkg-deb --field "$deb" Package Version Architecture Depends | sed 's/^/  /'

[ "$check" -eq 1 ] || exit 0

# --- install it, use it, remove it ----------------------------------------------------------
if dpkg-query -W -f='${Status}' channelscope 2>/dev/null | grep -q 'ok installed'; then
    echo "package.sh: channelscope is already installed; remove it first (apt-get remove channelscope)" >&2
    exit 1
fi
work="$(mktemp -d)"
cleanup() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq channelscope >/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
echo "installed: $(dpkg-query -W -f='${Package} ${Version}' channelscope)"

fail() { echo "package.sh: install check: $*" >&2; exit 1; }
id=io.github.channelscope.Channelscope
expected=(/usr/bin/channelscope /usr/bin/channelscope-cli
          "/usr/share/applications/$id.desktop" "/usr/share/metainfo/$id.metainfo.xml"
          "/usr/share/icons/hicolor/scalable/apps/$id.svg" /usr/share/man/man1/channelscope-cli.1.gz)
for size in 16 24 32 48 64 128 256; do expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/$id.png"); done
for file in "${expected[@]}"; do [ -f "$file" ] || fail "$file is missing"; done
# Only those, plus the directories and Debian's own files (none today).
unexpected="$(dpkg -L channelscope | while read -r path; do
    [ -d "$path" ] && continue
    [[ " ${expected[*]} " == *" $path "* ]] || echo "$path"
done)"
[ -z "$unexpected" ] || fail "unexpected files in the package: $unexpected"

version="$(/usr/bin/channelscope-cli --version)"
[[ "$version" == "channelscope-cli "* ]] || fail "channelscope-cli --version said '$version'"
echo "ran: $version"
app_version="$(QT_QPA_PLATFORM=offscreen /usr/bin/channelscope --version)"
[[ "$app_version" == "Channelscope "* ]] || fail "channelscope --version said '$app_version'"
echo "ran: $app_version (offscreen)"
# A real start: the main window is built and shown (painted once), then the app quits.
shown="$(cd "$work" && HOME="$work" QT_QPA_PLATFORM=offscreen CHANNELSCOPE_REPORT_FIRST_SHOW=1 \
    timeout 60 /usr/bin/channelscope --settings "$work/settings.ini" 2>"$work/app.log")" \
    || { cat "$work/app.log" >&2; fail "channelscope did not start offscreen"; }
[[ "$shown" == first-show* ]] || fail "channelscope showed no window: '$shown'"
echo "ran: channelscope offscreen, window shown (${shown#first-show } ms)"
if command -v man >/dev/null; then
    man -w channelscope-cli >/dev/null || fail "man does not find channelscope-cli"
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "/usr/share/applications/$id.desktop" | grep -E 'error|warning' && fail "desktop entry"
fi

trap - EXIT
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq channelscope >/dev/null
rm -rf "$work"
[ ! -e /usr/bin/channelscope-cli ] || fail "channelscope-cli is still there after apt-get remove"
echo "removed: channelscope"
