#!/usr/bin/env bash
# rasphone on a real terminal (tmux send-keys / capture-pane), the issue's acceptance:
# `rasphone -a`, typing a name, Tab, a number and Enter creates the entry; `rasphone -d
# NAME` shows the dial dialog, and Enter dials it (a test device, through a real rasmand)
# until connected; a second `rasphone -d NAME` is cancelled with Escape and exits with
# the cancel status (4), the connection untouched; SIGTERM during `rasphone -e NAME` is a
# cancel too (4); `rasphone -h NAME` hangs up; a dialer's dialog that ignores IDCANCEL
# survives Escape, and Ctrl+C tears it down after the grace period (4).
. "$(dirname "$0")/../lib.sh"
require_root "rasmand's HKLM hive must sit in a root-owned directory"
require_cmd tmux timeout
. "$(dirname "$0")/dial_lib.sh"
install -m 0755 "$build/tools/rasphone/rasphone" "$bin/"
tsock=$work/tmux.sock
at_exit 'tmux -S "$tsock" kill-server 2>/dev/null || true'
dev Test0 Type REG_SZ test
mkdir -m 0755 "$work/dialers"
install -m 0644 "$build/zoo/ignore_cancel.so" "$work/dialers/ignore_cancel.so"
"$bin/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL \
  /t REG_MULTI_SZ /d "$work/dialers/ignore_cancel.so" /f >/dev/null
export OPENRAS_ZOO_MARKER=$work/zoo.log
start_rasmand

tmux_sock=$tsock tmux_pane=rp
. "$(dirname "$0")/tmux_lib.sh"
# start NAME ARGS...: rasphone ARGS in a fresh 100x30 pane; output and status in NAME.*
start() {
  local name=$1
  shift
  tmux -S "$tsock" kill-server 2>/dev/null || true
  tmux -S "$tsock" new-session -d -s rp -x 100 -y 30 \
    "env LANG=C.UTF-8 LD_LIBRARY_PATH=$LD_LIBRARY_PATH OPENRAS_ROOT=$OPENRAS_ROOT \
     $bin/rasphone $* >$work/$name.out 2>&1; echo \$? >$work/$name.rc"
}
status_of() {  # status_of NAME: its exit status, once it has ended (20 s)
  wait_for "rasphone ($1) to end" 20 test -s "$work/$1.rc"
  cat "$work/$1.rc"
}

start new -a
wait_screen "New connection"
wait_screen "Phone number:"
type_text Home
keys Tab
type_text 5550100
wait_screen "5550100"
keys Enter
[ "$(status_of new)" = 0 ] || fail "rasphone -a: exit $(cat "$work/new.rc"): $(cat "$work/new.out")"
expect_contains "$(cat "$work/new.out")" 'Entry "Home" saved.' "rasphone -a"
out=$("$bin/rasphone" -l)
expect_contains "$out" "Home	user	5550100	Test0" "the entry typed in the terminal"

start dial -d Home
wait_screen "Connect Home"
wait_screen "Save this user name and password"
wait_screen "5550100"  # the entry's number, pre-filled
keys Enter             # the default button: Dial
[ "$(status_of dial)" = 0 ] || fail "rasphone -d: exit $(cat "$work/dial.rc"): $(cat "$work/dial.out")"
expect_contains "$(cat "$work/dial.out")" 'Connected to "Home".' "Enter dialled"
expect_contains "$("$bin/rasphone" -s)" "Home" "the connection is up"

start cancel -d Home
wait_screen "Connect Home"
keys Escape
[ "$(status_of cancel)" = 4 ] || fail "Escape: exit $(cat "$work/cancel.rc"), want 4: $(cat "$work/cancel.out")"
expect_contains "$(cat "$work/cancel.out")" "cancelled" "Escape"
expect_contains "$("$bin/rasphone" -s)" "Home" "Escape left the connection alone"
# SIGTERM while the dialog is open is a host cancel (IDCANCEL), not a kill: exit 4.
start term -e Home
wait_screen "Home properties"
pane=$(tmux -S "$tsock" display -p -t rp '#{pane_pid}')
wait_for "rasphone under the pane's shell" 10 pgrep -P "$pane" -x rasphone
kill -TERM "$(pgrep -P "$pane" -x rasphone)"
[ "$(status_of term)" = 4 ] || fail "SIGTERM: exit $(cat "$work/term.rc"), want 4: $(cat "$work/term.out")"
"$bin/rasphone" -h Home >/dev/null || fail "rasphone -h Home"

# A dialer whose dialog ignores IDCANCEL: Escape is swallowed (the dialog stays), Ctrl+C
# interrupts as the host: the dialog is torn down after the grace period, exit 4, and the
# warning names the dialer.
"$bin/rasphone" -a Deaf --set PhoneNumber=1 --set "CustomRasDialDll=$work/dialers/ignore_cancel.so" \
  >/dev/null || fail "rasphone -a Deaf --set"
: >"$OPENRAS_ZOO_MARKER"
start deaf -d Deaf
wait_screen "Deaf"
keys Escape
wait_for "the deaf dialog to swallow Escape" 10 grep -q "ignored WM_COMMAND" "$OPENRAS_ZOO_MARKER"
[ ! -s "$work/deaf.rc" ] || fail "rasphone ended on Escape: $(cat "$work/deaf.out")"
keys C-c
[ "$(status_of deaf)" = 4 ] || fail "Ctrl+C: exit $(cat "$work/deaf.rc"), want 4: $(cat "$work/deaf.out")"
expect_contains "$(cat "$work/deaf.out")" "of module $work/dialers/ignore_cancel.so ignored IDCANCEL" \
  "Ctrl+C: the teardown names the dialer"
stop_rasmand
echo "rasphone in a terminal: -a typed and saved, -d dialled with Enter, Escape exits 4, Ctrl+C tears down a deaf dialer's dialog"
