#!/usr/bin/env bash
# No text a client supplies can forge a log line (issue 16, item 11; docs/security.md): a
# real user registers a connection, and dials, with an entry, a dialer path and a device
# name holding "\n<0>..." (journald would file such a line as an emergency); rasmand's log
# keeps one line per record, each with rasmand's own prefix, and shows the text escaped.
. "$(dirname "$0")/../lib.sh"
require_root "creates a user and runs rasmand as root"
require_cmd busctl
. "$(dirname "$0")/rasman_lib.sh"
. "$(dirname "$0")/rasman_guard_lib.sh"

guard_user injector
start_daemon
# --debug also writes the info lines that name the entry and the dialer.
stop_daemon TERM
"$D" --root "$root" --debug >>"$work/rasmand.log" 2>&1 &
daemon_pid=$!; pids+=("$daemon_pid")
wait_for "rasmand to serve $sock" 10 "$C" "$sock" list

bus=(busctl --address="unix:path=$sock" call org.openras.RasMan1 /org/openras/RasMan1 org.openras.RasMan1)
nl=$'\n'
# The same handle twice: the second gets an alias, which rasmand logs at notice level.
for i in 1 2; do
  expect_exit 0 "register $i" "${as_user[@]}" "${bus[@]}" RegisterCustomConnection tssssssb 0x61 \
    "/d.so${nl}<0>FORGED-DIALER" /p "Office${nl}<0>FORGED-ENTRY" modem "dev${nl}<1>FORGED-DEVICE" 5 false
done
expect_exit 1 "dial an unknown device" "${as_user[@]}" "${bus[@]}" Dial ssssbsss \
  /p "Office${nl}<2>FORGED-DIAL" "COM9${nl}<0>FORGED-PORT" 5 false u pw d

grep -q "entry \"Office\\\\n<0>FORGED-ENTRY\", dialer /d.so\\\\n<0>FORGED-DIALER" "$work/rasmand.log" \
  || fail "the registration is not logged with its text escaped: $(cat "$work/rasmand.log")"
grep -q 'COM9\\n<0>FORGED-PORT' "$work/rasmand.log" \
  || fail "the refused dial is not logged with its device escaped: $(cat "$work/rasmand.log")"
bad=$(grep -nv '^<[0-7]>rasmand: ' "$work/rasmand.log" || true)
[ -z "$bad" ] || fail "lines in rasmand's log that rasmand did not start: $bad"
echo "PASS"
