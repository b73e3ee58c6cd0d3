#!/usr/bin/env bash
# An entry's post-connect script (issue 11 item 6; docs/devices.md "Scripts"): rasmodem-sim
# answers with a terminal server (tests/e2e/terminal_server.py) that asks for a login name and
# password, offers a prompt, and on "ppp" turns into a real PPP server (slirp-fullbolt).
# The entry's szScript (OpenRasScript in the .pbk) logs in with the dial's own credentials
# (\L, \P) and the connection reaches Connected with slirp's address on ras0; the password
# is in no log. Then: a wrong password meets the script's ABORT (702, the abort string
# named); a prompt that never comes times out (702); a script with a syntax error is 752
# before anything is dialled; a script file that does not exist is 2, nothing dialled.
. "$(dirname "$0")/../lib.sh"
private_network
require_root "rasmand makes TUN interfaces; the hive sits in root-owned directories"
require_cmd slirp-fullbolt ip jq timeout busctl python3

. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/modem_dial_lib.sh"

slirp_home

# The terminal server (tests/e2e/terminal_server.py): login, password, a command, then PPP.
server=$OPENRAS_SOURCE_DIR/tests/e2e/terminal_server.py
# A far end that never prompts.
printf '#!/bin/sh\nprintf "Welcome\\r\\n"\nexec sleep 30\n' >"$work/silent-server"
chmod 0755 "$work/silent-server"
HOME=$work/slirp SERVER_LOG=$work/server.log start_sim --speed 115200 \
  --answer "5551234=exec:$server" --answer "5550000=exec:$work/silent-server"

mkdir -p "$work/root/etc/openras/pbk" "$work/scripts"
cat >"$work/scripts/login.chat" <<'EOF'
# Log in to the gateway, then start PPP.
ABORT 'Access denied'
TIMEOUT 10
SAY 'logging in to the gateway'
ogin: \L
assword: \P
'gateway> ' ppp
'PPP mode.'
EOF
printf "TIMEOUT 1\nogin: \\\\L\n" >"$work/scripts/impatient.chat"
printf "ogin: \\\\L\nassword: \\\\q\n" >"$work/scripts/broken.chat"
sim_modem Modem1
{
  entry Gateway Modem1 555-1234 $'RedialAttempts=0\nOpenRasScript='"$work/scripts/login.chat"
  # A relative script path is the phone book's directory's.
  entry Relative Modem1 555-1234 $'RedialAttempts=0\nOpenRasScript=../../../../scripts/login.chat'
  entry Silent Modem1 555-0000 $'RedialAttempts=0\nOpenRasScript='"$work/scripts/impatient.chat"
  entry Broken Modem1 555-1234 $'RedialAttempts=0\nOpenRasScript='"$work/scripts/broken.chat"
  entry Missing Modem1 555-1234 $'RedialAttempts=0\nOpenRasScript='"$work/scripts/none.chat"
} >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
start_rasmand
at_exit '[ "$exit_status" -eq 0 ] || { echo "--- rasmodem-sim log:"; tail -30 "$work/sim.log"; echo "--- rasmand log:"; tail -40 "$work/rasmand.log"; } >&2'

# The script logs in; PPP follows on the same line.
rc_of timeout 30 "$bin/rasdial" Gateway testuser testpass
[ "$rc" -eq 0 ] || fail "the dial with a login script failed (exit $rc): $out"
expect_contains "$out" "Successfully connected" "the scripted dial"
[ "$(cat "$work/server.log")" = $'user=testuser\ncommand=ppp' ] \
  || fail "the terminal server was not given the user and the command: $(cat "$work/server.log")"
log=$(cat "$work/rasmand.log")
expect_contains "$log" "script says: logging in to the gateway" "SAY in the link's log"
expect_contains "$log" "the script ran to its end" "the script's end in the log"
expect_contains "$log" "PAP authentication succeeded" "PPP after the script"
[[ "$log" != *testpass* ]] || fail "the password is in rasmand's log"
addr=$(ip -j addr show dev ras0) || fail "no ras0 while connected"
[ "$(jq -r '.[0].addr_info[] | select(.family=="inet") | .local' <<<"$addr")" = 10.0.2.15 ] \
  || fail "ras0 does not carry 10.0.2.15: $addr"
expect_contains "$(R Gateway /DISCONNECT)" "Command completed successfully." "hang-up"
wait_for "ras0 to go" 10 sh -c '! ip link show ras0 >/dev/null 2>&1'
wait_until 10 "the lock file to go" no_lock

rc_of timeout 30 "$bin/rasdial" Relative testuser testpass
[ "$rc" -eq 0 ] || fail "the dial with a relative script path failed (exit $rc): $out"
expect_contains "$(R Relative /DISCONNECT)" "Command completed successfully." "hang-up"
wait_for "ras0 to go" 10 sh -c '! ip link show ras0 >/dev/null 2>&1'
wait_until 10 "the lock file to go" no_lock

# A wrong password: the gateway says "Access denied", which the script aborts on.
rc_of R Gateway testuser wrongpass
expect_error 702 "the script's ABORT"
grep -q 'the script aborted: line 7: the far end sent "Access denied"' "$work/rasmand.log" \
  || fail "the abort is not logged with the script's line and string"
wait_until 10 "the lock file to go" no_lock

# A prompt that never comes: TIMEOUT 1.
rc_of R Silent testuser testpass
expect_error 702 "the script's time-out"
grep -q 'the script timed out: line 2: "ogin:" did not arrive within 1 s (last received: "Welcome\\r\\n")' \
  "$work/rasmand.log" || fail "the time-out is not logged with what arrived"
wait_until 10 "the lock file to go" no_lock

# Nothing dialled for a script that does not parse or does not exist.
before=$(dials)
rc_of R Broken testuser testpass
expect_error 752 "a script with a syntax error"
rc_of R Missing testuser testpass
expect_error 2 "a script file that does not exist"
[ "$(dials)" = "$before" ] || fail "a dial went out for a broken or missing script"
# rasmand names the line and column to a D-Bus caller that sends such a script itself.
bus_script() {
  timeout 10 busctl --address="unix:path=$sock" call org.openras.RasMan1 /org/openras/RasMan1 \
    org.openras.RasMan1 DialWithOptions 'ssssbsssa{sv}' "" Gateway Modem1 5551234 false u p "" \
    1 Script s "$1" 2>&1
}
rc_of bus_script 'ogin: \q'
[ "$rc" -ne 0 ] || fail "rasmand took a Script that does not parse: $out"
expect_contains "$out" 'line 1, column 7: \q is not an escape' "rasmand's ScriptSyntax reply"
[ "$(dials)" = "$before" ] || fail "a dial went out for a Script that does not parse"

rasmand=$rasmand_pid
stop_rasmand
echo "post-connect scripts: a login to a terminal server then PPP (Connected, 10.0.2.15), ABORT and TIMEOUT as 702, 752 and 2 with nothing dialled"
