#!/usr/bin/env bash
# check_symbols.sh LIB LIST: the dynamic symbols LIB exports must equal LIST (one name a
# line, sorted). Adding or removing an export without updating LIST fails here.
set -euo pipefail
lib=$1 list=$2
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' \
  | grep -v '^OPENRAS_1$' | sort -u)
expected=$(grep -v '^#' "$list" | sed '/^$/d' | sort -u)
if [ "$actual" != "$expected" ]; then
  echo "libopenras exports differ from $list:"
  diff <(echo "$expected") <(echo "$actual") | sed -n 's/^</  no longer exported:/p; s/^>/  newly exported:    /p'
  echo "If the change is intended, update $list (and say so in the commit)."
  exit 1
fi
echo "libopenras exports the $(echo "$expected" | wc -l) symbols of $list"
