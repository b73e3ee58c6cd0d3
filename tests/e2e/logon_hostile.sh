#!/usr/bin/env bash
# The logon sandbox against a hostile dialer (tests/dialers/hostile_logon.c), through real
# PAM: dialed at logon it runs as root with RCD_Logon and tries to write /etc, /root and
# /tmp, to execve /bin/sh, to ptrace its parent and to open new namespaces. Each attempt
# fails, rasmand's log names each one, no file appears, and its dial (made without
# RDEOPT_NoUser) still connects, logged as a broken rule. The same dialer dialed normally
# by a real user runs as that user: what the user may do succeeds, the rest fails. With
# `prompt` its dialog runs in the same sandbox and the questions it forges on the host's
# control socket are cut at four waiting at once.
. "$(dirname "$0")/../lib.sh"
require_root "dialers must sit in root-owned directories; pamtester runs as root, as login does"
. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/logon_lib.sh"
targets=(/etc/openras-hostile-x /root/openras-hostile-x /tmp/openras-hostile-x)
for t in "${targets[@]}"; do
  [ ! -e "$t" ] || fail "$t exists before the test (left by an earlier run?); remove it"
done
at_exit 'rm -f /etc/openras-hostile-x /root/openras-hostile-x /tmp/openras-hostile-x'
start_logon_rasmand

pam_service hostile "auth required $pam_module entry=Hostile root=$work/root" \
  "auth required pam_permit.so"
run_pam hostile "" authenticate
[ "$pam_rc" -eq 0 ] || fail "the hostile entry at logon: pamtester exited $pam_rc: $(cat "$work/pam.out")"
read -r handle owner type <<<"$(connection_of Hostile)"
[ -n "${handle:-}" ] && [ "$owner" -eq 0 ] || fail "Hostile is not connected as root: $(list_json)"
[ "$(connection_of Hostile | wc -l)" -eq 1 ] || fail "Hostile is listed more than once: $(list_json)"
log=$(cat "$work/rasmand.log")
# The dialer itself says what it was told and what each attempt gave.
expect_contains "$log" "hostile: RasCustomDial flags=0x5 logon=yes nouser=yes" "the dialer saw RCD_Logon"
for t in "${targets[@]}"; do
  [ ! -e "$t" ] || fail "the dialer at logon created $t"
  expect_contains "$log" "hostile: write $t: failed (Permission denied)" "writing $t fails"
  expect_contains "$log" "the dialer tried openat for writing $t: refused by the sandbox" \
    "rasmand's log names the write to $t"
done
for attempt in "execve /bin/sh" "ptrace the parent" "unshare a new namespace" \
  "open a UNIX socket"; do
  expect_contains "$log" "hostile: $attempt: failed (Operation not permitted)" "$attempt fails"
done
expect_contains "$log" "the dialer tried execve /bin/sh: refused by the sandbox" "the exec is logged"
expect_contains "$log" "the dialer tried ptrace request 0x4206" "the ptrace is logged"
expect_contains "$log" "the dialer tried unshare with flags 0x10020000" "the unshare is logged"
expect_contains "$log" "the dialer tried socket AF_UNIX" "the UNIX socket is logged"
expect_contains "$log" "called RasDialW at logon without RDEOPT_NoUser: it broke the rule" \
  "the broken RDEOPT_NoUser rule is logged"
rasman_call HangUp t "$handle" >/dev/null
no_hosts() { ! hosts_running; }
wait_for "the hostile logon host to exit after its hang-up" 20 no_hosts

# With `prompt` its dialog runs in the same sandbox: the escapes fail again, and of the
# eight questions it forges on the host's control socket at once, while the person has
# not answered the first (the input held open 3 s), four (kMaxPendingQuestions) wait and
# reach the login; the rest are ignored and logged.
pam_service hostile_prompt "auth required $pam_module prompt root=$work/root" \
  "auth required pam_permit.so"
before=$(grep -c "hostile: write /etc/openras-hostile-x: failed" "$work/rasmand.log" || true)
pam_hold=3 run_pam hostile_prompt Hostile authenticate
out=$(cat "$work/pam.out")
[ "$pam_rc" -eq 0 ] || fail "the hostile entry's dialog at logon: pamtester exited $pam_rc: $out"
log=$(cat "$work/rasmand.log")
expect_contains "$log" "hostile: RasCustomDialDlg flags=0x5" "the dialog saw RCD_Logon"
expect_contains "$log" "hostile: forged 8 questions" "the dialer wrote its questions"
after=$(grep -c "hostile: write /etc/openras-hostile-x: failed" "$work/rasmand.log" || true)
[ "$after" -gt "$before" ] || fail "the dialog's write to /etc was not refused again"
for t in "${targets[@]}"; do [ ! -e "$t" ] || fail "the dialog at logon created $t"; done
expect_contains "$log" "more than 4 questions at once; ignored" "the flood of questions is cut and logged"
asked=$(grep -o "hostile-question-[0-9]" <<<"$out" | sort -u | wc -l)
[ "$asked" -eq 4 ] || fail "$asked forged questions reached the login, not 4: $out"
read -r handle owner type <<<"$(connection_of Hostile)"
[ -n "${handle:-}" ] && [ "$owner" -eq 0 ] || fail "the dialog's Hostile connection is not root's: $(list_json)"
rasman_call HangUp t "$handle" >/dev/null
wait_for "the hostile dialog's host to exit after its hang-up" 20 no_hosts

# The same dialer, dialed by a real user: it runs as that user.
as_user() { setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups "$@"; }
as_user "$bin/rasdial" Hostile --wait=60 >"$work/user.out" 2>&1 &
pids+=("$!")
user_connected() { grep -q 'Successfully connected' "$work/user.out"; }
wait_for "the user's dial of Hostile" 30 user_connected
out=$(cat "$work/user.out")
uid=$(id -u "$user")
expect_contains "$out" "hostile: RasCustomDial flags=0x1 logon=no nouser=no" "as a user: no RCD_Logon"
expect_contains "$out" "hostile: write /tmp/openras-hostile-x: succeeded (uid $uid)" \
  "as a user the dialer writes where the user may"
[ "$(stat -c %u /tmp/openras-hostile-x)" -eq "$uid" ] || fail "/tmp/openras-hostile-x is not the user's"
for t in /etc/openras-hostile-x /root/openras-hostile-x; do
  expect_contains "$out" "hostile: write $t: failed (Permission denied)" "as a user $t stays closed"
  [ ! -e "$t" ] || fail "the user's dialer created $t"
done
expect_contains "$out" "hostile: execve /bin/sh: succeeded (uid $uid)" "as a user the dialer may run programs"
expect_contains "$out" "hostile: open a UNIX socket: succeeded (uid $uid)" "as a user the dialer may open sockets"
read -r handle owner type <<<"$(connection_of Hostile)"
[ "${owner:-}" = "$uid" ] || fail "the user's connection is owned by ${owner:-nobody}, not $uid"
as_user "$bin/rasdial" Hostile /DISCONNECT >/dev/null || fail "the user cannot hang up their own dial"

stop_rasmand
