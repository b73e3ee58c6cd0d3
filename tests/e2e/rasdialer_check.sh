#!/usr/bin/env bash
# rasdialer-check passes both sample dialers and fails every member of the broken-dialer
# zoo, each with the right reason.
. "$(dirname "$0")/../lib.sh"
require_root "dialers must sit in root-owned directories"

build=$OPENRAS_BUILD_DIR
check=$build/tools/rasdialer-check/rasdialer-check
rasreg=$build/tools/rasreg/rasreg
work=$(mktemp -d /var/lib/openras-e2e.XXXXXX)
chmod 0755 "$work"
trap 'rm -rf "$work"' EXIT
mkdir -m 0755 "$work/dialers" "$work/root"
for f in "$build"/dialers/*.so "$build"/zoo/*.so; do
  install -m 0644 "$f" "$work/dialers/"
done
export OPENRAS_ROOT=$work/root
key='HKLM\System\CurrentControlSet\Services\Rasman\Parameters'
"$rasreg" add "$key" /v CustomDLL /t REG_MULTI_SZ /d "$(ls "$work"/dialers/*.so | tr '\n' '\0' | sed 's/\x00$//; s/\x00/\\0/g')" /f >/dev/null

passes() {
  local out
  out=$("$check" --timeout=3 "$work/dialers/$1.so") || fail "$1 should pass rasdialer-check:\n$out"
  echo "$out" | head -20
}
fails() {  # fails DIALER CHECK-ID [EXTRA-ARGS-OR-PATH]
  local out rc
  set +e
  out=$("$check" --timeout=2 "${3:-$work/dialers/$1.so}")
  rc=$?
  set -e
  [ "$rc" = 1 ] || fail "$1: exit $rc, expected 1:\n$out"
  expect_contains "$out" "FAIL  $2" "$1 fails the $2 check"
  echo "$1: $(grep "FAIL  $2" <<<"$out")"
}

passes passthrough
passes example
out=$("$check" --json "$work/dialers/example.so")
expect_contains "$out" '"passed":true' "--json"

fails no_dial exports
fails no_dialdlg exports
fails no_hangup exports
fails no_entrydlg exports
fails no_deletenotify exports
fails ansi_names names
fails wrong_abi abi
fails no_mark abi
fails null_handle dial
fails throwing dial
fails hang_hangup hangup
install -m 0644 "$work/dialers/good.so" "$work/dialers/unlisted.so"
fails unlisted allowed
ln -s "$work/dialers/good.so" "$work/link.so"
fails symlink path "$work/link.so"
relative=$(realpath --relative-to=. "$work/dialers/good.so")
fails relative path "$relative"
install -m 0664 "$work/dialers/good.so" "$work/dialers/writable.so"
fails writable trust
install -m 0644 -o nobody "$work/dialers/good.so" "$work/dialers/foreign.so"
fails foreign_owner trust "$work/dialers/foreign.so"
echo "rasdialer-check: both samples pass; every zoo member fails with its reason"
