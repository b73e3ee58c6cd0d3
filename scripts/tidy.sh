#!/usr/bin/env bash
# tidy.sh [--all | FILE...]: clang-tidy (.clang-tidy) over the C and C++ files of src/,
# tools/, tests/, fuzz/ and bench/ that the build compiles (build/ci/compile_commands.json),
# failing on any finding. Without arguments: the files that differ from the merge base with
# main (OPENRAS_TIDY_BASE, else origin/main, else main; on main itself, the last commit), and
# the .cpp beside each changed header. The whole tree takes about half an hour on 2 cores,
# so CI runs the changed files; --all runs everything.
set -euo pipefail
cd "$(dirname "$0")/.."
db=build/ci/compile_commands.json
[ -f "$db" ] || { echo "tidy.sh: no $db; build the ci preset first" >&2; exit 1; }
mapfile -t compiled < <(python3 -c 'import json,sys
for e in json.load(open(sys.argv[1])): print(e["file"])' "$db" | sort -u)

changed_files() {
  local base="${OPENRAS_TIDY_BASE:-}"
  if [ -z "$base" ]; then
    for ref in origin/main main; do
      if git rev-parse -q --verify "$ref^{commit}" >/dev/null; then base=$ref; break; fi
    done
  fi
  [ -n "$base" ] || return 1
  local from
  from=$(git merge-base HEAD "$base") || return 1
  if [ "$from" = "$(git rev-parse HEAD)" ]; then
    from=$(git rev-parse -q --verify HEAD~1) || return 1
  fi
  # Committed changes and what the work tree changes on top.
  { git diff --name-only --diff-filter=AMR "$from" -- src tools tests fuzz bench; } | sort -u
}

files=()
if [ "${1:-}" = --all ]; then
  files=("${compiled[@]}")
elif [ $# -gt 0 ]; then
  for f in "$@"; do files+=("$(realpath "$f")"); done
elif list=$(changed_files); then
  for f in $list; do
    case "$f" in *.h) f=${f%.h}.cpp ;; esac
    files+=("$PWD/$f")
  done
else
  echo "tidy.sh: no main branch to compare with; checking every file" >&2
  files=("${compiled[@]}")
fi
# Only what the build compiles (a file of another preset, or deleted, has no command).
declare -A known=()
for f in "${compiled[@]}"; do known[$f]=1; done
selected=()
for f in "${files[@]}"; do
  [ -n "${known[$f]+set}" ] && selected+=("$f")
done
if [ "${#selected[@]}" -eq 0 ]; then
  echo "tidy.sh: no compiled C or C++ file changed; nothing to check"
  exit 0
fi
echo "tidy.sh: clang-tidy on ${#selected[@]} files"
printf '%s\0' "${selected[@]}" |
  xargs -0 -n 4 -P "$(nproc)" clang-tidy -p build/ci --quiet 2>/dev/null ||
  { echo "tidy.sh: clang-tidy found the problems above (.clang-tidy)" >&2; exit 1; }
echo "tidy.sh: no findings"
