#!/usr/bin/env bash
# Builds the libFuzzer harnesses (the `fuzz` preset: clang-14, ASan + UBSan, core and
# tests/fuzz only, in build-fuzz/) and runs each one for a while over a copy of its seed corpus
# (tests/fuzz/corpus/<harness>/). The repository's corpus is never written to.
#   scripts/fuzz.sh [seconds-per-harness]      default 30
#   FUZZ_SEED=N fixes libFuzzer's seed (0, the default, picks a new one each run): CI uses a fixed
#   seed so that its runs are reproducible; explore with the default.
# Fails, naming the harness and the saved input, when any harness crashes or breaks a property.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-30}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "fuzz.sh: seconds per harness must be a positive whole number, not '$seconds'" >&2
    exit 2
fi

bash "$root/scripts/setup.sh" --fuzz   # installs clang-14 if missing, builds only the harnesses

bin_dir="$root/build-fuzz/tests/fuzz"
artifacts="$root/build-fuzz/fuzz-artifacts"   # crash inputs are kept here, outside the sources
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"

harnesses=()
for dir in "$root"/tests/fuzz/corpus/*/; do harnesses+=("$(basename "$dir")"); done
failed=()
for harness in "${harnesses[@]}"; do
    if [ ! -x "$bin_dir/$harness" ]; then
        echo "fuzz.sh: corpus for $harness, but no harness was built ($bin_dir/$harness)" >&2
        failed+=("$harness (not built)")
        continue
    fi
    cp -r "$root/tests/fuzz/corpus/$harness" "$work/$harness"
    echo "fuzz: $harness for ${seconds}s"
    # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: runaway memory is a failure.
    if ! ASAN_OPTIONS="abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        "$bin_dir/$harness" -max_total_time="$seconds" -seed="${FUZZ_SEED:-0}" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$harness-" "$work/$harness" \
        >"$work/$harness.log" 2>&1; then
        tail -n 60 "$work/$harness.log" >&2
        failed+=("$harness")
        continue
    fi
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$work/$harness.log" \
        | sed "s/^/    /" || true
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo >&2
    echo "fuzz.sh: FAILED: ${failed[*]}" >&2
    echo "fuzz.sh: crash inputs are in $artifacts; reproduce with: $bin_dir/<harness> <input>" >&2
    exit 1
fi
echo "fuzz: all ${#harnesses[@]} harnesses ran ${seconds}s each without a crash"
