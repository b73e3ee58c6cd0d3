#!/usr/bin/env bash
# A modem entry at logon (issue 14: built-in entries dial at logon through rasmand as
# usual): pam_openras.so entry=Modem on a rasmodem-sim modem dials the number through
# rasmand's link, exactly as `rasdial Modem` does — the modem answers the same ATD, and the
# PAM result follows the dial's: connected (then owned by root) or the same RAS error.
. "$(dirname "$0")/../lib.sh"
require_root "the HKLM hive must sit in root-owned directories; pamtester runs as root"
. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/modem_dial_lib.sh"
. "$(dirname "$0")/logon_lib.sh"
start_sim --speed 33600 --default connect
sim_modem Modem1
dev Modem1 DialTimeout REG_DWORD 3
printf '[Modem]\nEncoding=1\nType=1\nRedialAttempts=0\nMEDIA=serial\nDevice=Modem1\n\nDEVICE=modem\nPhoneNumber=5550100\n\n' \
  >>"$work/root/etc/openras/pbk/rasphone.pbk"
start_logon_rasmand

pam_service modem "auth optional $pam_module entry=Modem timeout=30 root=$work/root" \
  "auth required pam_permit.so"
run_pam modem "" authenticate
[ "$pam_rc" -eq 0 ] || fail "an optional modem dial failed the login: $(cat "$work/pam.out")"
[ "$(dials)" -eq 1 ] || fail "the modem was dialled $(dials) times at logon, expected once"
grep -q '\* dial 5550100' "$work/sim.log" || fail "the modem did not dial 5550100: $(cat "$work/sim.log")"
result=$(sed -n 's/.*entry "Modem"): built-in dial returned \([0-9]*\).*/\1/p' "$work/rasmand.log")
[ -n "$result" ] || fail "no logon dial result for Modem in rasmand's log"
if [ "$result" -eq 0 ]; then
  read -r handle owner type <<<"$(connection_of Modem)"
  [ "${owner:-}" = 0 ] && [ "$type" = modem ] || fail "Modem at logon: owner ${owner:-none}, type ${type:-none}"
  rasman_call HangUp t "$handle" >/dev/null
else
  expect_contains "$(cat "$work/pam.out")" "Dialing Modem failed (error $result)" \
    "the module reports the modem dial's error"
fi
echo "logon modem dial result: $result"
wait_until 10 "the logon host to end" bash -c "! pgrep -f '^$bin/openras-logon-host '"
wait_until 5 "the modem's lock file to go" no_lock

# The same entry through rasdial, as root: the same dial, the same outcome.
rc_of R Modem
[ "$(dials)" -eq 2 ] || fail "rasdial did not dial the modem once more"
if [ "$result" -eq 0 ]; then
  [ "$rc" -eq 0 ] || fail "rasdial Modem failed where the logon dial connected: $out"
  R Modem /DISCONNECT >/dev/null
else
  expect_error "$result" "rasdial Modem gives the logon dial's error"
fi
no_sanitizer_report "$work/rasmand.log" "rasmand or a logon host"
