#!/usr/bin/env bash
# layering.sh SRC FOLDER=DEP,DEP... ...: fails when a folder of src/ includes a header of a
# folder it may not use. The allowed edges are written once, in src/CMakeLists.txt
# (OPENRAS_LAYERS); a folder missing from that table fails too, so a new folder states its
# place when it is added.
set -euo pipefail
src=$1
shift
declare -A allowed
for layer in "$@"; do
  allowed[${layer%%=*}]=",${layer#*=},"
done
bad=0
for dir in "$src"/*/; do
  folder=$(basename "$dir")
  if [ -z "${allowed[$folder]+set}" ]; then
    echo "layering: src/$folder is not in OPENRAS_LAYERS (src/CMakeLists.txt); say what it may use" >&2
    bad=1
    continue
  fi
  while IFS=: read -r file line text; do
    used=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]+"([a-z0-9_]+)\/.*/\1/' <<<"$text")
    [ "$used" = "$folder" ] && continue
    [ -d "$src/$used" ] || continue
    case "${allowed[$folder]}" in *",$used,"*) continue ;; esac
    echo "layering: ${file#"$src"/}:$line includes $used/, which src/$folder may not use (allowed: ${allowed[$folder]//,/ })" >&2
    bad=1
  done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"[a-z0-9_]+/' "$dir" \
             --include='*.h' --include='*.cpp' --include='*.c' --include='*.inc' || true)
done
[ "$bad" -eq 0 ] && echo "layering: every include follows OPENRAS_LAYERS"
exit "$bad"
