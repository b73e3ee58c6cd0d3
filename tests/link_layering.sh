#!/usr/bin/env bash
# link_layering.sh FOLDER=ARCHIVE=DEP,DEP... ...: fails when a folder's static library uses
# a symbol that only a folder outside its allowed ones defines. tests/layering.sh checks the
# includes; this checks what the objects really call (a declaration in an SDK header, an
# extern written by hand), against the same table (OPENRAS_LAYERS in src/CMakeLists.txt),
# taken transitively as the libraries link.
set -euo pipefail
export LC_ALL=C  # sort and join must agree on the order
declare -A archive deps
for layer in "$@"; do
  folder=${layer%%=*}
  rest=${layer#*=}
  archive[$folder]=${rest%%=*}
  deps[$folder]=${rest#*=}
done

# closure FOLDER: FOLDER and every folder it may use, directly or through another.
closure() {
  local -A seen=()
  local todo=("$1") f d
  while [ "${#todo[@]}" -gt 0 ]; do
    f=${todo[0]}
    todo=("${todo[@]:1}")
    [ -n "${seen[$f]+set}" ] && continue
    seen[$f]=1
    IFS=, read -ra more <<<"${deps[$f]}"
    for d in "${more[@]}"; do todo+=("$d"); done
  done
  echo "${!seen[@]}"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Strong definitions (text, data, bss, read-only) by folder: "symbol folder".
for folder in "${!archive[@]}"; do
  [ -f "${archive[$folder]}" ] || { echo "link_layering: no archive ${archive[$folder]}" >&2; exit 1; }
  nm -g -P --defined-only "${archive[$folder]}" 2>/dev/null |
    awk -v f="$folder" '$2 ~ /^[TDBR]$/ { print $1, f }' >>"$work/defined"
  nm -g -P --undefined-only "${archive[$folder]}" 2>/dev/null | awk '{ print $1 }' |
    sort -u >"$work/undefined.$folder"
done
sort -u -o "$work/defined" "$work/defined"

bad=0
for folder in "${!archive[@]}"; do
  allowed=" $(closure "$folder") "
  while read -r symbol owner; do
    case "$allowed" in *" $owner "*) continue ;; esac
    echo "layering.link: src/$folder uses $(c++filt "$symbol"), defined in src/$owner," \
      "which src/$folder may not use (OPENRAS_LAYERS: $folder=${deps[$folder]})" >&2
    bad=1
  done < <(join "$work/undefined.$folder" "$work/defined")
done
checked=${#archive[@]}
[ "$bad" -eq 0 ] && echo "layering.link: the $checked folder libraries use only the folders OPENRAS_LAYERS allows"
exit "$bad"
