#!/usr/bin/env bash
# rasdialer-check --logon: the dialer dialed as at logon (RCD_Logon) inside the logon
# sandbox. The example dialer passes; the hostile one fails the "logon" check once for each
# thing it tried (writes to /etc, /root, /tmp; /bin/sh; ptrace; unshare), and still dials.
# Then RasCustomDialDlg at logon through the conversation, to a person who never answers:
# the example's and logon_dialog's dialogs end on the IDCANCEL of the logon time-out.
# Run in a private mount namespace with its own /tmp: the hostile dialer's ordinary
# exercise (as nobody) writes /tmp/openras-hostile-x, which must not meet other tests'.
. "$(dirname "$0")/../lib.sh"
require_root "dialers must sit in root-owned directories; a private /tmp needs a mount namespace"
require_cmd unshare mount
build=$OPENRAS_BUILD_DIR
work=$(mktemp -d /var/lib/openras-e2e.XXXXXX)
chmod 0755 "$work"
at_exit "rm -rf '$work'"
mkdir -m 0755 "$work/dialers" "$work/root"
mkdir -m 1777 "$work/tmp"
install -m 0644 "$build/dialers/example.so" "$build/zoo/hostile_logon.so" \
  "$build/zoo/logon_dialog.so" "$work/dialers/"
export OPENRAS_ROOT=$work/root TMPDIR=$work/tmp
"$build/tools/rasreg/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' \
  /v CustomDLL /t REG_MULTI_SZ \
  /d "$work/dialers/example.so\\0$work/dialers/hostile_logon.so\\0$work/dialers/logon_dialog.so" \
  /f >/dev/null
check() {  # check DIALER: rasdialer-check --logon in a private /tmp; output in $out, status $rc
  rc=0
  out=$(timeout 120 unshare -m sh -c 'mount --make-rprivate / && mount -t tmpfs none /tmp &&
    exec "$0" --logon --timeout=5 "$1"' "$build/tools/rasdialer-check/rasdialer-check" \
    "$work/dialers/$1.so" 2>&1) || rc=$?
}
check example
[ "$rc" -eq 0 ] || fail "the example dialer fails rasdialer-check --logon: $out"
expect_contains "$out" "PASS  logon " "the example dialer tries nothing at logon"
expect_contains "$out" "PASS  logon-dial " "the example dialer dials in the logon sandbox"
expect_contains "$out" "PASS  logon-dialog its dialog ended on the IDCANCEL of the logon time-out" \
  "the example's own dialog ends on the logon time-out's IDCANCEL"

check logon_dialog
[ "$rc" -eq 0 ] || fail "logon_dialog fails rasdialer-check --logon: $out"
expect_contains "$out" "PASS  logon-dialog its dialog ended on the IDCANCEL of the logon time-out" \
  "logon_dialog's dialog ends on the logon time-out's IDCANCEL"

check hostile_logon
[ "$rc" -eq 1 ] || fail "the hostile dialer passes rasdialer-check --logon (exit $rc): $out"
for tried in "openat for writing /etc/openras-hostile-x" "openat for writing /root/openras-hostile-x" \
  "openat for writing /tmp/openras-hostile-x" "execve /bin/sh" "ptrace request 0x4206" \
  "unshare with flags 0x10020000" "socket AF_UNIX"; do
  expect_contains "$out" "at logon the dialer tried $tried" "rasdialer-check reports: $tried"
done
expect_contains "$out" "PASS  logon-dial" "the hostile dialer still dials at logon"
for t in /etc/openras-hostile-x /root/openras-hostile-x; do
  [ ! -e "$t" ] || fail "rasdialer-check let the dialer create $t"
done
