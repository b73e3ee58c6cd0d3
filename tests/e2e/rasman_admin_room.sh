#!/usr/bin/env bash
# Administrators are never locked out (issue 16, item 3; docs/security.md): eight real
# users each hold the 128 sockets a user may (1,024, rasmand's limit for users), a ninth
# user is refused, and root still connects and is served. It also checks rasmand raised
# its descriptor limit: each client costs it three descriptors.
. "$(dirname "$0")/../lib.sh"
require_root "creates users and runs rasmand as root"
. "$(dirname "$0")/rasman_lib.sh"
. "$(dirname "$0")/rasman_guard_lib.sh"

# As under systemd, whose services start with a soft limit of 1,024 descriptors.
start_daemon prlimit --nofile=1024:"$(ulimit -Hn)"
for i in 1 2 3 4 5 6 7 8; do
  guard_user "u$i"
  start_attack "$work/hold$i.out" "${as_user[@]}" "$A" "$sock" hold 128
  expect_contains "$(cat "$work/hold$i.out")" "served 128 of 128" "user $i's sockets"
done
expect_exit 0 "root lists while users hold every socket they may" "$C" "$sock" list
expect_contains "$out" "0 connections" "root's list"
guard_user late
start_attack "$work/late.out" "${as_user[@]}" "$A" "$sock" hold 4
expect_contains "$(cat "$work/late.out")" "served 0 of 4" "a ninth user beyond the limit"
grep -q "non-administrators hold 1024 connections, the limit; 64 more are kept for administrators" \
  "$work/rasmand.log" || fail "no log line for the refused user: $(tail -3 "$work/rasmand.log")"

kill -0 "$daemon_pid" || fail "rasmand died"
echo "PASS"
