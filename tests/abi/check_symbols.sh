#!/usr/bin/env bash
# check_symbols.sh LIB DIR: the dynamic symbols LIB exports must equal the union of the
# DIR/*.symbols lists (one name a line; one list per subsystem). Adding or removing an
# export without updating a list fails here.
set -euo pipefail
lib=$1 dir=$2
list="$dir/*.symbols"
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' \
  | grep -v '^OPENRAS_1$' | sort -u)
expected=$(cat "$dir"/*.symbols | grep -v '^#' | sed '/^$/d' | sort -u)
if [ "$actual" != "$expected" ]; then
  echo "libopenras exports differ from $list:"
  diff <(echo "$expected") <(echo "$actual") | sed -n 's/^</  no longer exported:/p; s/^>/  newly exported:    /p'
  echo "If the change is intended, update $list (and say so in the commit)."
  exit 1
fi
echo "libopenras exports the $(echo "$expected" | wc -l) symbols of $list"
