#!/usr/bin/env bash
# The entry's dial settings on a modem (issue 11, item 4): a redial count of 2 against a
# busy number dials 3 times, the configured pause apart, then fails with 676; alternate
# numbers are dialled in order after a failure (busy first number, answering alternate);
# RASEO_UseCountryAndAreaCodes dials "+<country><area><number>" (docs/devices.md
# "Dialing"). rasmodem-sim's log counts and times the dials.
. "$(dirname "$0")/../lib.sh"
private_network  # a dial that connects makes a TUN interface: never in the host's namespace
require_root "the HKLM hive must sit in root-owned directories; the link drops to nobody"
require_cmd timeout
require_cmd busctl
require_cmd python3

. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/modem_dial_lib.sh"
start_sim --speed 33600 --default nocarrier \
  --answer 5550111=busy --answer 5550199=connect --answer +12065550177=connect

mkdir -p "$work/root/etc/openras/pbk"
sim_modem Modem1
{
  entry Redial Modem1 5550111 $'RedialAttempts=2\nRedialSeconds=2'
  entry Alternate Modem1 $'5550111\nPhoneNumber=5550199'
  entry AlternatesFail Modem1 $'5550111\nPhoneNumber=5550133' $'RedialAttempts=1\nRedialSeconds=1'
  entry Codes Modem1 $'555-0177\nAreaCode=206\nCountryCode=1\nUseDialingRules=1'
  entry CodesOff Modem1 $'555-0177\nAreaCode=206\nCountryCode=1\nUseDialingRules=0'
} >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
start_rasmand

# The numbers rasmodem-sim was asked to dial since line $1 of its log, one a line.
dialled_since() { tail -n +"$(($1 + 1))" "$work/sim.log" | sed -n 's/^.* \* dial \([^:]*\):.*$/\1/p'; }
log_lines() { wc -l <"$work/sim.log"; }
# expect_dials ENTRY CODE WHAT NUMBERS...: rasdial ENTRY fails with CODE after rasmodem-sim
# was asked to dial exactly NUMBERS, in order; the port is free afterwards.
expect_dials() {
  local entry=$1 code=$2 what=$3 from got
  shift 3
  from=$(log_lines)
  rc_of R "$entry"
  expect_error "$code" "$what"
  got=$(dialled_since "$from" | tr '\n' ' ')
  [ "$got" = "$* " ] || fail "$what: dialled \"$got\", expected \"$* \""
  wait_until 5 "the lock file to go" no_lock
}

# Redial count 2, pause 2 s, busy: 3 dials at least 2 s apart, then 676.
from=$(log_lines)
expect_dials Redial 676 "redials of a busy number" 5550111 5550111 5550111
# The pause: between consecutive dials (from rasmodem-sim's time stamps), at least the
# configured 2 s, and not far above it.
tail -n +"$((from + 1))" "$work/sim.log" | grep ' \* dial ' | cut -d' ' -f1 |
  python3 -c '
import sys, datetime
t = [datetime.datetime.strptime(l.strip(), "%Y-%m-%dT%H:%M:%S.%fZ") for l in sys.stdin]
gaps = [(b - a).total_seconds() for a, b in zip(t, t[1:])]
assert len(gaps) == 2 and all(2.0 <= g < 6.0 for g in gaps), gaps
' || fail "the dials were not the 2 s redial pause apart"
grep -q 'after 3 dials' "$work/rasmand.log" || fail "rasmand's log does not count the dials"

# A busy first number, then the alternate answers: both dialled, in order; 737 (the
# simulator's `connect` line echoes, which PPP detects as a loop).
expect_dials Alternate 737 "an answering alternate" 5550111 5550199
# Every number fails: each round dials them all in order; the last one's error (679).
expect_dials AlternatesFail 679 "one redial of two failing numbers" 5550111 5550133 5550111 5550133
# Country and area codes: "+1 (206) 555-0177" dialled as +12065550177, which answers;
# without UseDialingRules the number goes as stored, and rasmodem-sim does not know it.
expect_dials Codes 737 "a number with country and area codes" +12065550177
grep -q 'ATDT+12065550177' "$work/sim.log" || fail "the ATD line is not ATDT+12065550177"
expect_dials CodesOff 679 "the same entry without dialing rules" 5550177

# DialWithOptions refuses an option it does not know, or of the wrong type, naming it;
# nothing is dialled.
bus_dial() {
  timeout 10 busctl --address="unix:path=$sock" call org.openras.RasMan1 /org/openras/RasMan1 \
    org.openras.RasMan1 DialWithOptions 'ssssbsssa{sv}' "" Redial Modem1 5550111 false "" "" "" \
    1 "$@" 2>&1
}
from=$(dials)
rc_of bus_dial Bogus u 1
[ "$rc" -ne 0 ] || fail "DialWithOptions accepted an unknown option: $out"
expect_contains "$out" 'unknown option "Bogus"' "an unknown option"
rc_of bus_dial RedialCount s two
[ "$rc" -ne 0 ] || fail "DialWithOptions accepted RedialCount as a string: $out"
expect_contains "$out" "RedialCount must be a u" "an option of the wrong type"
[ "$(dials)" -eq "$from" ] || fail "a refused DialWithOptions dialled"
echo "modem_redial: ok"
