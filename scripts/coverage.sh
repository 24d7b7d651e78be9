#!/usr/bin/env bash
# Line and branch coverage of core/, ui/ and app/cli by the whole test suite (gcov + gcovr). The
# benchmark tool (app/bench, run by scripts/bench.sh) and the GUI's main() are left out: no test runs them.
#   scripts/coverage.sh        builds build-coverage/, runs every test, prints the summary and
#                              writes build-coverage/coverage.html
# Branches are counted without the edges that only exceptions take (Qt and this code throw none).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh" --no-build
command -v gcovr >/dev/null || {
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq --no-install-recommends gcovr >/dev/null
    else sudo apt-get install -y -qq --no-install-recommends gcovr >/dev/null; fi
}
cd "$root"
cmake --preset coverage >/dev/null
cmake --build --preset coverage -j"${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
find build-coverage -name '*.gcda' -delete
QT_QPA_PLATFORM=offscreen ctest --preset coverage --parallel 2 --no-tests=error
gcovr --root "$root" --object-directory build-coverage --filter 'core/' --filter 'ui/' --filter 'app/cli/' \
      --exclude-throw-branches --exclude-unreachable-branches --print-summary \
      --html build-coverage/coverage.html --txt build-coverage/coverage.txt -j 2 >/dev/null
gcovr --root "$root" --object-directory build-coverage --filter 'core/' --filter 'ui/' --filter 'app/cli/' \
      --exclude-throw-branches --exclude-unreachable-branches --print-summary -j 2 -o /dev/null
