#!/usr/bin/env bash
# Formats the C++ sources with the repository's .clang-format.
#   scripts/format.sh [--check] [FILE|FOLDER…]     default: core ui app tests
#   --check  changes nothing; lists the files whose formatting differs and exits 1 if any do
# Uses clang-format-14 (the version the style was tuned with), else clang-format. Installs nothing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
check=false
paths=()
for arg in "$@"; do
    case "$arg" in
        --check) check=true ;;
        -h|--help) sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "format.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
        *) paths+=("$arg") ;;
    esac
done

formatter=""
for candidate in clang-format-14 clang-format; do
    if command -v "$candidate" >/dev/null 2>&1; then
        formatter="$candidate"
        break
    fi
done
if [ -z "$formatter" ]; then
    echo "format.sh: neither clang-format-14 nor clang-format is installed (Debian: apt-get install clang-format-14)" >&2
    exit 2
fi

cd "$root"
[ ${#paths[@]} -gt 0 ] || paths=(core ui app tests)
# Tracked and new (not ignored) C++ files only: nothing in build directories.
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- "${paths[@]}" |
                     grep -E '\.(h|hpp|cpp|cc)$' || true)
if [ ${#files[@]} -eq 0 ]; then
    echo "format.sh: no C++ files under ${paths[*]}" >&2
    exit 2
fi

if ! $check; then
    printf '%s\0' "${files[@]}" | xargs -0 -n 20 "$formatter" -i --style=file
    exit 0
fi

differ=0
for file in "${files[@]}"; do
    if ! "$formatter" --style=file --dry-run -Werror "$file" >/dev/null 2>&1; then
        echo "$file"
        differ=$((differ + 1))
    fi
done
if [ "$differ" -gt 0 ]; then
    echo "format.sh: $differ file(s) differ from .clang-format; run scripts/format.sh to fix them" >&2
    exit 1
fi
