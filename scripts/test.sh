#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite. Each test starts its own
# soketi on free loopback ports, so tests run two at a time.
#   scripts/test.sh [--asan | --tsan] [ctest arguments…]     e.g. scripts/test.sh -L unit
#   --asan  build and test under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)
#   --tsan  build only the threaded tests (reader thread, log store, background export) under
#           ThreadSanitizer (build-tsan/) and run them; the first race fails the run
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset=default
ctest_args=()
for arg in "$@"; do
    case "$arg" in
        --asan) preset=asan ;;
        --tsan) preset=tsan ;;
        *) ctest_args+=("$arg") ;;
    esac
done

if [ "$preset" = default ]; then bash "$root/scripts/setup.sh"; else bash "$root/scripts/setup.sh" "--$preset"; fi

export QT_QPA_PLATFORM=offscreen
cd "$root"
# --no-tests=error: a suite that ran nothing must not pass.
exec ctest --preset "$preset" --output-on-failure --parallel 2 --no-tests=error "${ctest_args[@]}"
