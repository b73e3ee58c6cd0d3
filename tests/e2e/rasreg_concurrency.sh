#!/usr/bin/env bash
# Concurrent writers and crashes: 4 processes each running 250 `rasreg add` of distinct
# values into one key at once lose nothing; rasreg writers killed with SIGKILL at varied
# moments never leave an unreadable hive (nor a lock that blocks the next writer).
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
at_exit 'kill "${pids[@]}" 2>/dev/null'  # (a failed writer's siblings)
for w in 1 2 3 4; do
  writer "$w" 250 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || fail "writer $pid failed"; done
count=$("$R" query "$key" | grep -c '    w[1-4]-[0-9]*    REG_DWORD    ')
[ "$count" -eq 1000 ] || fail "expected 1000 values after 4 x 250 concurrent adds, found $count"
echo "4 x 250 concurrent rasreg add: all 1000 values present"

# kill -9 of rasreg itself at varied moments: after each kill the hive parses and the next
# writer gets the lock. Each round starts three writers (rasreg processes, not shells, so
# the SIGKILL lands on the process holding the lock and writing the hive) and kills them
# at a random moment within twice a lone writer's life (measured first), so some die
# mid-write and some finish; the hive holds the 1000 values above, so a write takes a while.
# A writer that had already finished exits 0; one killed mid-run reports SIGKILL (137).
crash_key='HKLM\Software\Crash'
"$R" add "$crash_key" /v before /d ok /f >/dev/null  # (so a round whose writers all died still finds it)
# How long one writer lives, so the kills fall anywhere in a writer's life, its write included.
start=$(date +%s%N)
"$R" add "$crash_key" /v timing /d ok /f >/dev/null
life_ms=$(( ($(date +%s%N) - start) / 1000000 + 1 ))
killed=0
for round in $(seq 1 12); do
  writers=()
  for w in 1 2 3; do
    "$R" add "$crash_key" /v "v$w-$round" /t REG_SZ /d "$(head -c $((RANDOM % 4000)) /dev/zero | tr '\0' x)" \
      /f >/dev/null 2>&1 &
    writers+=($!)
  done
  delay=$((RANDOM % (2 * life_ms)))
  sleep "$((delay / 1000)).$(printf %03d $((delay % 1000)))"  # the moment of the kill, not a wait
  kill -9 "${writers[@]}" 2>/dev/null || :  # (any that finished already is not there to kill)
  for pid in "${writers[@]}"; do
    rc=0
    wait "$pid" || rc=$?
    case $rc in
      0) ;;
      137) killed=$((killed + 1)) ;;
      *) fail "round $round: a writer exited $rc (neither finished nor killed)" ;;
    esac
  done
  timeout 20 "$R" query "$crash_key" >/dev/null 2>"$work/err" \
    || fail "round $round: hive unreadable after kill -9: $(cat "$work/err")"
  timeout 20 "$R" add "$crash_key" /v "after-$round" /d ok /f >/dev/null \
    || fail "round $round: a writer could not proceed after kill -9"
done
"$R" query "$crash_key" /v after-12 >/dev/null || fail "last write missing"
# Killing nothing would test nothing: a third of the 36 writers at least died of the SIGKILL.
[ "$killed" -ge 12 ] || fail "only $killed of 36 writers were killed mid-run"
echo "12 rounds of kill -9 of rasreg writers ($killed of 36 killed mid-run): the hive always parsed and the next writer proceeded"
