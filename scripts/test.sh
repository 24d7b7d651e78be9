#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite. Each test starts its own
# soketi on free loopback ports, so tests run two at a time.
#   scripts/test.sh [--asan] [ctest arguments…]     e.g. scripts/test.sh -L unit
#   --asan  build and test under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset=default
ctest_args=()
for arg in "$@"; do
    if [ "$arg" = --asan ]; then preset=asan; else ctest_args+=("$arg"); fi
done

if [ "$preset" = asan ]; then bash "$root/scripts/setup.sh" --asan; else bash "$root/scripts/setup.sh"; fi

export QT_QPA_PLATFORM=offscreen
cd "$root"
# --no-tests=error: a suite that ran nothing must not pass.
exec ctest --preset "$preset" --output-on-failure --parallel 2 --no-tests=error "${ctest_args[@]}"
