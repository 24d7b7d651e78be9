#!/usr/bin/env bash
# The benchmark of issue 5 (not part of the test suite): builds the release build (the `default`
# preset, RelWithDebInfo, in build/) and runs channelscope-bench, which prints one Markdown table
# with every figure measured in this run. Takes about two minutes; run it on an idle machine.
#   scripts/bench.sh [channelscope-bench options…]    e.g. scripts/bench.sh --ingest-runs 3
#   BENCH_BUILD_DIR=DIR scripts/bench.sh …            an already configured release build instead:
#                                                     builds only channelscope-bench and channelscope
# `scripts/bench.sh --help` lists the options (event counts, GUI rates, --skip-…, --json FILE).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ -n "${BENCH_BUILD_DIR:-}" ]; then
    build="$BENCH_BUILD_DIR"
    cmake --build "$build" --target channelscope-bench channelscope -j"${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" >/dev/null
else
    build="$root/build"
    bash "$root/scripts/setup.sh"  # missing packages, Node modules (pusher-js), then the build
fi

load="$(cut -d' ' -f1 /proc/loadavg)"
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
    echo "bench.sh: load average is $load: other work shares the cores, figures will be noisy" >&2
fi
exec "$build/app/channelscope-bench" "$@"
