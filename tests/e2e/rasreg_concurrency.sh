#!/usr/bin/env bash
# Concurrent writers and crashes: 4 processes each running 250 `rasreg add` of distinct
# values into one key at once lose nothing; writers killed with SIGKILL at random moments
# never leave an unreadable hive (nor a lock that blocks the next writer).
. "$(dirname "$0")/../lib.sh"
require_root "rasreg writes HKEY_LOCAL_MACHINE"
require_cmd timeout
. "$(dirname "$0")/rasreg_lib.sh"

key='HKLM\Software\Concurrency'
writer() {  # writer ID COUNT
  local i
  for ((i = 0; i < $2; i++)); do
    "$R" add "$key" /v "w$1-$i" /t REG_DWORD /d "$i" /f >/dev/null || return 1
  done
}
pids=()
for w in 1 2 3 4; do
  writer "$w" 250 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || fail "writer $pid failed"; done
count=$("$R" query "$key" | grep -c '    w[1-4]-[0-9]*    REG_DWORD    ')
[ "$count" -eq 1000 ] || fail "expected 1000 values after 4 x 250 concurrent adds, found $count"
echo "4 x 250 concurrent rasreg add: all 1000 values present"

# kill -9 in a loop: after each kill the hive parses and the next writer gets the lock.
crash_key='HKLM\Software\Crash'
endless_writer() {
  local i=0
  while :; do
    "$R" add "$crash_key" /v "v$1-$i" /t REG_SZ /d "$(printf 'x%.0s' $(seq 1 $((i % 50))))" /f >/dev/null 2>&1
    i=$((i + 1))
  done
}
for round in $(seq 1 20); do
  writers=()
  for w in 1 2 3; do
    endless_writer "$w" &
    writers+=($!)
  done
  sleep "0.$((RANDOM % 4 + 1))"
  for pid in "${writers[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
    pkill -9 -P "$pid" 2>/dev/null || true  # its rasreg child, mid-write
  done
  for pid in "${writers[@]}"; do wait "$pid" 2>/dev/null || true; done
  # (A child re-parented after its shell died may still be running: wait for the lock.)
  timeout 20 "$R" query "$crash_key" >/dev/null 2>"$work/err" \
    || fail "round $round: hive unreadable after kill -9: $(cat "$work/err")"
  timeout 20 "$R" add "$crash_key" /v "after-$round" /d ok /f >/dev/null \
    || fail "round $round: a writer could not proceed after kill -9"
done
"$R" query "$crash_key" /v after-20 >/dev/null || fail "last write missing"
echo "20 rounds of kill -9 during writes: the hive always parsed and the next writer proceeded"
