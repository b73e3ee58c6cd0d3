#!/usr/bin/env bash
# RASEO_PromoteAlternates (docs/devices.md "Promoting an alternate"), through rasdial,
# rasmand, the link's AT driver and PPP to a real server (slirp) behind rasmodem-sim, in a
# network namespace of the test's own. An entry with four numbers: the first and second
# busy, the third answering with slirp. After the dial connects through the third:
#  - rasmand's record names the number that answered (RasGetConnectStatus' szPhoneNumber),
#  - RasGetEntryProperties gives it as the first number, the old first number as the first
#    alternate and the rest in their order (Windows moves it to the top of the list),
#  - dialled again, only that number is dialled, and the phone book is not written again.
# The same entry with the flag clear connects the same way and its file is left as it was.
. "$(dirname "$0")/../lib.sh"
private_network
require_root "rasmand makes TUN interfaces; the hive sits in root-owned directories"
require_cmd slirp-fullbolt timeout md5sum

. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/modem_dial_lib.sh"
numbers=$build/tests/entry_numbers
[ -x "$numbers" ] || fail "entry_numbers is not built in $build/tests"

# slirp as in ppp_dial.sh: its options and PAP secrets in a home of its own.
slirp_home "dns 127.0.0.1"
HOME=$work/slirp start_sim --speed 115200 --default nocarrier \
  --answer 5550111=busy --answer 5550122=busy --answer '5550199=exec:slirp-fullbolt'

pbk=$work/root/etc/openras/pbk/rasphone.pbk
mkdir -p "$(dirname "$pbk")"
sim_modem Modem1
list=$'5550111\nPhoneNumber=5550122\nPhoneNumber=5550199\nPhoneNumber=5550133'
{
  entry Promote Modem1 "$list"$'\nPromoteAlternates=1'
  entry Keep Modem1 "$list"$'\nPromoteAlternates=0'
} >"$pbk"
chmod 0644 "$pbk"
start_rasmand
at_exit '[ "$exit_status" -eq 0 ] || { echo "--- rasmodem-sim log:"; tail -30 "$work/sim.log"; echo "--- rasmand log:"; tail -30 "$work/rasmand.log"; } >&2'

dialled_since() { tail -n +"$(($1 + 1))" "$work/sim.log" | sed -n 's/^.* \* dial \([^:]*\):.*$/\1/p' | tr '\n' ' '; }
log_lines() { wc -l <"$work/sim.log"; }
numbers_of() { "$numbers" entry "$pbk" "$1" | tr '\n' ' '; }
# connect ENTRY NUMBERS...: rasdial ENTRY connects after rasmodem-sim dialled NUMBERS in
# order; the connection's number is the last of them; then it is hung up.
connect() {
  local entry=$1 from got status
  shift
  from=$(log_lines)
  rc_of R "$entry" testuser testpass
  [ "$rc" -eq 0 ] || fail "$entry: the dial failed (exit $rc): $out"
  expect_contains "$out" "Successfully connected" "$entry: connected"
  got=$(dialled_since "$from")
  [ "$got" = "$* " ] || fail "$entry: dialled \"$got\", expected \"$* \""
  status=$("$numbers" status "$entry") || fail "$entry: no connection status: $status"
  [ "$status" = "state $((0x2000)) number ${*: -1}" ] \
    || fail "$entry: RasGetConnectStatus says \"$status\", not Connected through ${*: -1}"
  expect_contains "$(R "$entry" /DISCONNECT)" "Command completed successfully." "$entry: hang-up"
  wait_until 10 "the lock file to go" no_lock
}

before=$(numbers_of Promote)
[ "$before" = "first 5550111 alternate 5550122 alternate 5550199 alternate 5550133 " ] \
  || fail "the entry is not as written: $before"

# Through the second alternate: it is now the first number, the old first number the
# first alternate, the others in their order.
connect Promote 5550111 5550122 5550199
after=$(numbers_of Promote)
[ "$after" = "first 5550199 alternate 5550111 alternate 5550122 alternate 5550133 " ] \
  || fail "after connecting through 5550199 RasGetEntryProperties gives \"$after\""
grep -q 'PromoteAlternates=1' "$pbk" || fail "the flag was lost: $(cat "$pbk")"
[ "$(stat -c %a "$pbk")" = 644 ] || fail "the rewrite changed the phone book's mode"

# Dialled again: the first number answers at once; nothing to promote, nothing written.
sum=$(md5sum <"$pbk")
connect Promote 5550199
[ "$(md5sum <"$pbk")" = "$sum" ] || fail "the phone book was written when the first number answered"

# The flag clear: the same dial through the same alternate, and the file as it was.
sum=$(md5sum <"$pbk")
connect Keep 5550111 5550122 5550199
[ "$(numbers_of Keep)" = "$before" ] || fail "an entry without PromoteAlternates changed: $(numbers_of Keep)"
[ "$(md5sum <"$pbk")" = "$sum" ] || fail "the phone book was written for an entry without the flag"
echo "modem_promote: ok"
