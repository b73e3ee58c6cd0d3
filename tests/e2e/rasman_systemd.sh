#!/usr/bin/env bash
# rasmand under systemd's protocols, without systemd as pid 1: socket activation (the
# listening socket passed by systemd-socket-activate, LISTEN_FDS) and readiness
# (READY=1 and STOPPING=1 on NOTIFY_SOCKET, as Type=notify expects). With an activated
# socket rasmand leaves the socket file alone at exit: it is systemd's.
. "$(dirname "$0")/../lib.sh"
require_cmd systemd-socket-activate
. "$(dirname "$0")/rasman_lib.sh"

"$C" "$work/notify.sock" notify-listen 20 >"$work/notify.out" 2>&1 &
pids+=($!)
wait_for "the notify listener" 5 grep -q listening "$work/notify.out"
mkdir -p "$root/run/openras"
# systemd-socket-activate passes the program only the environment it is given (-E).
systemd-socket-activate -E NOTIFY_SOCKET="$work/notify.sock" -l "$sock" "$D" --root "$root" \
  >>"$work/rasmand.log" 2>&1 &
daemon_pid=$!
pids+=("$daemon_pid")
# The first connection starts rasmand on the socket systemd-socket-activate made.
wait_for "socket-activated rasmand" 10 "$C" "$sock" list
wait_for "READY=1" 5 grep -q "^READY=1" "$work/notify.out"
expect_contains "$(cat "$work/notify.out")" "STATUS=Serving $sock" "status"
grep -q "serving $sock (private mode, socket from systemd)" "$work/rasmand.log" \
  || fail "rasmand did not use the passed socket: $(cat "$work/rasmand.log")"
expect_exit 0 "register" "$C" "$sock" register 0x71 Office
stop_daemon TERM
[ "$daemon_rc" -eq 0 ] || fail "rasmand exited $daemon_rc"
wait_for "STOPPING=1" 5 grep -q "^STOPPING=1" "$work/notify.out"
[ -S "$sock" ] || fail "rasmand removed the socket systemd passed it"
echo "socket activation, READY=1/STATUS/STOPPING=1, activated socket left alone: ok"
