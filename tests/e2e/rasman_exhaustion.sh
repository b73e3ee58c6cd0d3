#!/usr/bin/env bash
# One real unprivileged user attacks root's rasmand with everything it may open (issue 16,
# items 1 and 2; docs/security.md): clients that send calls and never read the replies,
# and messages whose header declares 127 MiB or that stop half-way. rasmand stops reading
# the first, closes the others (at once, or at the message deadline), stays within its
# documented memory bound (VmRSS), and another user is still served meanwhile.
. "$(dirname "$0")/../lib.sh"
require_root "creates users and runs rasmand as root"
. "$(dirname "$0")/rasman_lib.sh"
. "$(dirname "$0")/rasman_guard_lib.sh"

# ASan keeps freed memory in quarantine (256 MB by default), which would measure the
# sanitizer, not rasmand: keep it small so VmRSS follows what rasmand really holds.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1"
# docs/security.md: rasmand grows by less than this under one user's attack (KiB).
bound_kib=$((32 * 1024))

guard_user victim; as_victim=("${as_user[@]}")
guard_user attacker; as_attacker=("${as_user[@]}")
start_daemon
"${as_victim[@]}" "$C" "$sock" hold 0x71 Office 120 >"$work/victim.out" 2>&1 &
pids+=("$!")
wait_for "the victim to register" 10 grep -q registered "$work/victim.out"
idle=$(rss_kib "$daemon_pid")
peak=$idle
sample() { local now; now=$(rss_kib "$daemon_pid"); [ "$now" -gt "$peak" ] && peak=$now; true; }

# 1. Unread replies: 8 clients pipeline up to 400,000 ListConnections calls (without the
# gate rasmand read them all and queued about 350 MB of replies).
start_attack "$work/unread.out" "${as_attacker[@]}" "$A" "$sock" unread-calls 8 400000
sample
sent=$(sed -n 's/^sent \([0-9]*\) calls.*/\1/p' "$work/unread.out")
[ -n "$sent" ] && [ "$sent" -lt 400000 ] \
  || fail "rasmand read every call of a client that reads no replies: $(cat "$work/unread.out")"

# 2. Half-sent huge messages: headers declaring a 127 MiB body, 1 MiB of it sent. Closed
# at the header, before rasmand buffers any of it.
start_attack "$work/huge.out" "${as_attacker[@]}" "$A" "$sock" half-sent 8 133169152 1048576 20
sample
expect_contains "$(cat "$work/huge.out")" "closed 8 of 8" "127 MiB headers"
grep -q "closed: a message of 133169[0-9]* bytes (the limit is 16384)" "$work/rasmand.log" \
  || fail "no log line for the 127 MiB header: $(tail -3 "$work/rasmand.log")"

# 3. Half-sent small messages: a 12 kB message of which 200 bytes come. Closed at the
# message deadline (10 s).
start_attack "$work/slow.out" "${as_attacker[@]}" "$A" "$sock" half-sent 8 12000 200 30
sample
expect_contains "$(cat "$work/slow.out")" "closed 8 of 8" "half-sent messages"
grep -q "closed: a message did not arrive whole within 10 s" "$work/rasmand.log" \
  || fail "no log line for the deadline: $(tail -3 "$work/rasmand.log")"

# 4. The rest of the attacker's 128 sockets as more unread-call clients, all held at once
# with the first ones.
start_attack "$work/unread2.out" "${as_attacker[@]}" "$A" "$sock" unread-calls 100 400000
sample

# While the attack holds: the victim and root are served, and rasmand's memory is bounded.
expect_exit 0 "the victim lists during the attack" "${as_victim[@]}" "$C" "$sock" list
expect_contains "$out" "handle=0x71" "the victim's list"
expect_exit 0 "root lists during the attack" "$C" "$sock" list
sample
growth=$((peak - idle))
echo "rasmand VmRSS: idle $idle KiB, peak under attack $peak KiB, grew $growth KiB" \
  "(peak/idle $(awk -v a="$peak" -v b="$idle" 'BEGIN { printf "%.2f", a / b }'); bound $bound_kib KiB)"
[ "$growth" -le "$bound_kib" ] || fail "rasmand grew by $growth KiB under attack; the bound is $bound_kib KiB"
kill -0 "$daemon_pid" || fail "rasmand died under attack"
echo "PASS"
