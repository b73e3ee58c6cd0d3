#!/usr/bin/env bash
# rasmand's log as people read it (issue 15 §5): what ordinary clients do — list, dial,
# ask the status, dial a busy number (and RasHangUp the failed handle, as Windows tells
# programs to), dial a device in use, hang up — adds no line at rasmand's default level,
# except the one failure, named by its state (RASCS_ConnectDevice), not a number; with
# --debug each state of a dial is logged by name.
. "$(dirname "$0")/../lib.sh"
require_root "the HKLM hive must sit in a root-owned directory; the link drops to nobody"
require_cmd timeout
. "$(dirname "$0")/dial_lib.sh"
dev Test0 Type REG_SZ test
mkdir -p "$work/root/etc/openras/pbk"
printf '[%s]\nEncoding=1\nType=1\n\nMEDIA=serial\nDevice=Test0\n\nDEVICE=test\nPhoneNumber=%s\n\n' \
  Office 5550100 Busy busy >"$work/root/etc/openras/pbk/rasphone.pbk"
R() { timeout 30 "$bin/rasdial" "$@" >/dev/null 2>&1; }

start_rasmand
R
R Busy && fail "a busy number connected"
R Office || fail "dial Office"
R
R Office --status || fail "status"
R Busy && fail "a dial on a device in use connected"
R Office /DISCONNECT || fail "hang up"
R Office --status && fail "status after the hang-up"
stop_rasmand
lines=$(grep -v 'serving .* (private mode)\|Terminated received; shutting down\|stopped$' \
  "$work/rasmand.log" | grep '^<[0-7]>rasmand: ' || true)
[ "$(wc -l <<<"$lines")" = 1 ] ||
  fail "ordinary clients should leave one line (the busy number's failure): $lines"
expect_contains "$lines" "failed in RASCS_ConnectDevice with error 676" "the failure, by state name"

: >"$work/rasmand.log"
"$bin/rasmand" --root "$work/root" --debug >>"$work/rasmand.log" 2>&1 &
rasmand=$!
pids+=("$rasmand")
wait_for "rasmand to serve $sock" 10 test -S "$sock"
R Office || fail "dial Office with --debug"
R Office /DISCONNECT || fail "hang up with --debug"
stop_rasmand
for state in RASCS_OpenPort RASCS_Authenticate RASCS_Connected; do
  grep -q "$state, error 0" "$work/rasmand.log" || fail "--debug: no $state line: $(cat "$work/rasmand.log")"
done
grep -q 'state [0-9]' "$work/rasmand.log" && fail "a state logged as a number: $(grep 'state [0-9]' "$work/rasmand.log")"
echo "rasmand's log: nothing per ordinary client, failures and states by name"
