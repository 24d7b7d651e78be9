#!/usr/bin/env bash
# Makes a Debian bookworm machine ready to build and test Channelscope, then builds it.
# Installs only what is missing, so a second run is quick and prints nothing but the build.
#   scripts/setup.sh [--asan | --tsan | --fuzz] [--no-build]
#   --tsan builds only the threaded tests (gcc's ThreadSanitizer); --fuzz installs clang-14 and
#   builds only the fuzz harnesses.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset=default
build=1
for arg in "$@"; do
    case "$arg" in
        --asan) preset=asan ;;
        --tsan) preset=tsan ;;
        --fuzz) preset=fuzz ;;
        --no-build) build=0 ;;
        -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "setup.sh: unknown option $arg (use --asan, --tsan, --fuzz, --no-build)" >&2; exit 2 ;;
    esac
done

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else echo "setup.sh: need root or sudo to run: $*" >&2; exit 1
    fi
}

# --- Debian packages --------------------------------------------------------------------
packages=(build-essential cmake pkg-config git qt6-base-dev qt6-websockets-dev qt6-tools-dev
          qt6-qpa-plugins libgl-dev libssl-dev libsodium-dev qtkeychain-qt6-dev xvfb xauth
          imagemagick fonts-dejavu-core curl openssl
          desktop-file-utils appstream groff-base file clang-format-14 libvalijson-dev
          libsimdjson-dev)
# desktop-file-utils, appstream and groff-base: tst_install validates the desktop entry, the
# AppStream metadata and the man page; file (with dpkg-dev): CPack's dpkg-shlibdeps step;
# clang-format-14: scripts/format.sh --check, CI's first step. libvalijson-dev: the header-only
# JSON Schema validator behind payload contracts (core/contracts). libsimdjson-dev: the fast JSON
# reader behind core/json.
# The libFuzzer build uses Debian's clang 14 and its sanitizer runtimes. (The ThreadSanitizer
# build uses gcc: clang 14's TSan runtime fails a CHECK when a threaded program starts a QProcess.)
if [ "$preset" = fuzz ]; then packages+=(clang-14 libclang-rt-14-dev); fi
# A node from another source (NodeSource's nodejs bundles npm and conflicts with Debian's npm
# package) is fine: only ask apt for them when the commands are missing.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

installed_pkgs=" $(dpkg-query -W -f='${db:Status-Abbrev}${Package}\n' "${packages[@]}" 2>/dev/null \
    | awk '$1 == "ii" { printf "%s ", $2 }' || true) "
missing=()
for pkg in "${packages[@]}"; do
    [[ "$installed_pkgs" == *" $pkg "* ]] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

# --- soketi, pusher-js and the pusher SDK (pinned by package-lock.json) --------------------
# npm writes node_modules/.package-lock.json at the end of an install: older than the lock
# file (or absent) means the tree is missing, partial or stale.
node_dir="$root/scripts/node"
installed="$node_dir/node_modules/.package-lock.json"
# The fuzz harnesses need no Node peers.
if [ "$preset" != fuzz ] && { [ ! -f "$installed" ] || [ "$node_dir/package-lock.json" -nt "$installed" ]; }; then
    echo "setup: npm ci in scripts/node"
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

# --- build --------------------------------------------------------------------------------
if [ "$build" -eq 1 ]; then
    cd "$root"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j"${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
fi
