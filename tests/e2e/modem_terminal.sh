#!/usr/bin/env bash
# A terminal after dialing (issue 11 item 6; docs/devices.md "Terminal"): an entry with
# RASEO_TerminalAfterDial (OpenRasTerminalAfterDial=1) reaches a terminal server through
# rasmodem-sim, which asks for a login name, a password and a command before it turns into
# a real PPP server (slirp-fullbolt). The dial pauses in RASCS_Interactive; the caller logs
# in by hand and resumes with RasDial on the paused handle, as on Windows:
#  - terminal_client (a C client: OpenRasOpenTerminal, async notifier and blocking RasDial)
#    reaches Connected with slirp's address; the terminal is the dialing user's pty, 0600,
#    gone once the dial resumes; nothing is paused afterwards (87 for another resume);
#  - without RDEOPT_PausedStates the dial fails in RASCS_Interactive with 703, and rasdial
#    off a terminal says so;
#  - rasdial on a real terminal (tmux) relays it: the user types the login, Ctrl-] c
#    continues, and the connection is up; Ctrl-] h hangs up (exit 1, 631).
. "$(dirname "$0")/../lib.sh"
private_network
require_root "rasmand makes TUN interfaces; the hive sits in root-owned directories"
require_cmd slirp-fullbolt ip jq timeout python3 tmux useradd setpriv busctl

. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/modem_dial_lib.sh"
client=$build/tests/terminal_client
[ -x "$client" ] || fail "terminal_client is not built in $build/tests"

slirp_home

# The terminal server (tests/e2e/terminal_server.py): login, password, a command, then PPP.
server=$OPENRAS_SOURCE_DIR/tests/e2e/terminal_server.py
HOME=$work/slirp SERVER_LOG=$work/server.log SERVER_ECHO=1 start_sim --speed 115200 \
  --answer "5551234=exec:$server"

mkdir -p "$work/root/etc/openras/pbk"
sim_modem Modem1
pbk=$work/root/etc/openras/pbk/rasphone.pbk
entry Gateway Modem1 555-1234 $'RedialAttempts=0\nOpenRasTerminalAfterDial=1' >"$pbk"
chmod 0644 "$pbk"
start_rasmand
at_exit '[ "$exit_status" -eq 0 ] || { echo "--- rasmodem-sim log:"; tail -30 "$work/sim.log"; echo "--- rasmand log:"; tail -40 "$work/rasmand.log"; } >&2'
gone() {  # gone: the call is over and nothing of it is left
  wait_for "ras0 to go" 10 sh -c '! ip link show ras0 >/dev/null 2>&1'
  wait_until 10 "the lock file to go" no_lock
}

# The C client, with a notifier and then blocking.
for mode in async sync; do
  : >"$work/server.log"
  rc_of timeout 60 "$client" $mode "$pbk" Gateway testuser testpass
  [ "$rc" -eq 0 ] || fail "terminal_client $mode: exit $rc: $out"
  for line in "paused in RASCS_Interactive" 'terminal said "login: "' 'terminal said "gateway> "' \
    "connected after the terminal" "address 10.0.2.15" "hung up"; do
    expect_contains "$out" "$line" "terminal_client $mode"
  done
  [ "$(cat "$work/server.log")" = $'user=testuser\ncommand=ppp' ] \
    || fail "$mode: the terminal server did not get the login: $(cat "$work/server.log")"
  gone
done
log=$(cat "$work/rasmand.log")
expect_contains "$log" "paused for the caller's terminal" "the pause in the link's log"
expect_contains "$log" "resumed by the caller" "the resume in the link's log"
expect_contains "$log" "PAP authentication succeeded" "PPP after the terminal"
[[ "$log" != *testpass* ]] || fail "the password is in rasmand's log"

# No paused states allowed: 703 at RASCS_Interactive, from the API and from rasdial off a tty.
rc_of timeout 60 "$client" refused "$pbk" Gateway testuser testpass
[ "$rc" -eq 0 ] || fail "terminal_client refused: exit $rc: $out"
gone
rc_of R Gateway testuser testpass </dev/null
expect_error 703 "rasdial off a terminal"
grep -q "the caller does not allow paused states (RDEOPT_PausedStates)" "$work/rasmand.log" \
  || fail "the link does not say why it refused"
gone

# rasdial on a terminal, as a user of this machine: they log in through it.
test_user owner t
test_user other o
as() { setpriv --reuid="$(id -u "$1")" --regid="$(id -g "$1")" --clear-groups "${@:2}"; }
tsock=$work/tmux.sock
at_exit 'tmux -S "$tsock" kill-server 2>/dev/null || true'
tmux_sock=$tsock tmux_pane=rd tmux_wait=20
. "$(dirname "$0")/tmux_lib.sh"
start() {  # start NAME ARGS...: rasdial ARGS on a fresh terminal (its status in NAME.rc)
  local name=$1
  shift
  tmux -S "$tsock" kill-server 2>/dev/null || true
  tmux -S "$tsock" new-session -d -s rd -x 120 -y 30 \
    "setpriv --reuid=$(id -u "$owner") --regid=$(id -g "$owner") --clear-groups \
     env LANG=C.UTF-8 LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-} OPENRAS_ROOT=$OPENRAS_ROOT \
     OPENRAS_RASMAND_AUTOSTART=0 HOME=/ $bin/rasdial $*; echo \$? >$work/$name.rc; sleep 600"
}
status_of() {
  wait_for "rasdial ($1) to end" 30 test -s "$work/$1.rc"
  cat "$work/$1.rc"
}
: >"$work/server.log"
start dial Gateway testuser testpass
wait_screen "Log in by hand"
wait_screen "login:"
# The terminal is a pty of the dialing user's, 0600, gone with the pause; nobody else
# learns its name from rasmand or opens it.
made=$(grep "terminal /dev/pts/[0-9]* for uid $(id -u "$owner")\$" "$work/rasmand.log" | tail -n 1)
[ -n "$made" ] || fail "rasmand did not log the terminal it made for $owner"
pts=$(sed 's/.*terminal \(\/dev\/pts\/[0-9]*\) for uid.*/\1/' <<<"$made")
handle=$(sed 's/.*connection \(0x[0-9a-f]*\): terminal.*/\1/' <<<"$made")
[ "$(stat -c '%U %a' "$pts")" = "$owner 600" ] || fail "the terminal $pts: $(stat -c '%U %a' "$pts")"
ask_terminal() {
  as "$1" busctl --address="unix:path=$sock" call org.openras.RasMan1 /org/openras/RasMan1 \
    org.openras.RasMan1 GetTerminal t "$2" 2>&1
}
rc_of ask_terminal "$owner" $((handle))
[ "$rc" -eq 0 ] && [ "$out" = "s \"$pts\"" ] || fail "GetTerminal for its owner: $out"
rc_of ask_terminal "$other" $((handle))
[ "$rc" -ne 0 ] || fail "another user was told the terminal: $out"
expect_contains "$out" "belongs to another user" "GetTerminal by another user"
as "$other" sh -c "exec 3<>$pts" 2>/dev/null && fail "another user opened the terminal $pts"
keys -l testuser
keys Enter
wait_screen "Password:"
keys -l testpass
keys Enter
wait_screen "gateway>"
keys -l ppp
keys Enter
wait_screen "Entering PPP mode."
keys C-]
wait_screen "c continues dialling"
keys -l c
[ "$(status_of dial)" = 0 ] || fail "rasdial on a terminal: exit $(cat "$work/dial.rc"): $(screen)"
expect_contains "$(screen)" "Successfully connected to Gateway." "rasdial on a terminal"
# Tests running beside this one make ptys too, and the kernel hands out the lowest free
# number, so $pts may already be someone else's: the owner's terminal is what must be gone.
if [ -e "$pts" ] && [ "$(stat -c %U "$pts")" = "$owner" ]; then
  fail "the terminal $pts outlived the pause"
fi
addr=$(ip -j addr show dev ras0) || fail "no ras0 while connected"
[ "$(jq -r '.[0].addr_info[] | select(.family=="inet") | .local' <<<"$addr")" = 10.0.2.15 ] \
  || fail "ras0 does not carry 10.0.2.15: $addr"
expect_contains "$(R Gateway /DISCONNECT)" "Command completed successfully." "hang-up"
gone

# Ctrl-] h: the user hangs up from the terminal.
start quit Gateway testuser testpass
wait_screen "login:"
keys C-]
wait_screen "c continues dialling"
keys -l h
[ "$(status_of quit)" = 1 ] || fail "Ctrl-] h: exit $(cat "$work/quit.rc"): $(screen)"
expect_contains "$(screen)" "error 631" "Ctrl-] h hangs up"
gone

rasmand=$rasmand_pid
stop_rasmand
echo "terminal after dialing: paused in RASCS_Interactive, logged in by hand (API and rasdial on tmux), resumed to Connected with 10.0.2.15; 703 without paused states"
