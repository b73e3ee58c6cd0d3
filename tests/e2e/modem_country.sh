#!/usr/bin/env bash
# The country's code from dwCountryID (docs/devices.md "Dialing"): an entry with
# UseDialingRules=1, CountryCode=0 and CountryID=44 dials "+44<area><number>" through
# rasmand and the link's AT driver to rasmodem-sim; CountryID=107 (Canada, a TAPI id that is
# not its code) dials +1; an id that is no country fails the dial at once with 87, the
# detail naming the entry, the id and the fix, and nothing is dialled.
. "$(dirname "$0")/../lib.sh"
private_network  # a dial that connects makes a TUN interface: never in the host's namespace
require_root "the HKLM hive must sit in root-owned directories; the link drops to nobody"
require_cmd timeout

. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/modem_dial_lib.sh"
start_sim --default nocarrier --answer +442079460018=busy --answer +14165550100=busy

pbk=$work/root/etc/openras/pbk/rasphone.pbk
mkdir -p "$(dirname "$pbk")"
sim_modem Modem1
rules() { printf '%s\nAreaCode=%s\nCountryCode=0\nCountryID=%s\nUseDialingRules=1' "$1" "$2" "$3"; }
{
  entry London Modem1 "$(rules '7946 0018' 20 44)"
  entry Toronto Modem1 "$(rules 555-0100 '(416)' 107)"
  entry Nowhere Modem1 "$(rules 5550100 206 999999)"
} >"$pbk"
chmod 0644 "$pbk"
start_rasmand

dialled_since() { tail -n +"$(($1 + 1))" "$work/sim.log" | sed -n 's/^.* \* dial \([^:]*\):.*$/\1/p' | tr '\n' ' '; }
# expect_dial ENTRY CODE NUMBER: rasdial ENTRY fails with CODE after rasmodem-sim was asked
# to dial NUMBER alone (none when NUMBER is empty).
expect_dial() {
  local from got
  from=$(wc -l <"$work/sim.log")
  rc_of R "$1"
  expect_error "$2" "$1"
  got=$(dialled_since "$from")
  [ "$got" = "${3:+$3 }" ] || fail "$1: dialled \"$got\", expected \"$3\""
  wait_until 5 "the lock file to go" no_lock
}
expect_dial London 676 +442079460018
expect_dial Toronto 676 +14165550100
expect_dial Nowhere 87 ""
expect_contains "$out" 'dwCountryID 999999 is no country' "the detail names the id"
expect_contains "$out" 'set dwCountryCode (CountryCode=)' "the detail says what to do"
expect_contains "$out" '"Nowhere"' "the detail names the entry"
echo "modem_country: ok"
