#!/usr/bin/env bash
# format.sh SRC: fails when a C or C++ file of the tree is not as clang-format (the tree's
# .clang-format) writes it, naming the files; fix with the command it prints. The SDK
# headers in include/ are Windows-style C and keep their own layout.
. "$(dirname "$0")/lib.sh"
require_cmd clang-format git
src=$1
cd "$src"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || skip "$src is not a git checkout"
mapfile -t files < <(git ls-files '*.cpp' '*.h' '*.c' | grep -v '^include/')
bad=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  printf 'not formatted: %s\n' "${bad[@]}" >&2
  fail "${#bad[@]} file(s) differ from clang-format; run: clang-format -i ${bad[*]}"
fi
echo "format: ${#files[@]} files as clang-format writes them"
