# modem_sim_lib.sh: shared set-up for the rasmodem-sim end-to-end tests (sourced after
# ../lib.sh). Gives: $work (scratch), $SIM (the binary), start_sim ARGS... (sets $sim_pid,
# $sim_dev; log in $work/log), stop_sim (SIGTERM, exit status 0 expected), talk DEV STEP...
# (tests/e2e/modem_client.py), wait_gone PID WHAT, far_end_pid (the last one the log names).
# Every process started here is killed on exit, even when the test fails.

require_cmd python3
SIM=$OPENRAS_BUILD_DIR/tools/rasmodem-sim/rasmodem-sim
[ -x "$SIM" ] || fail "rasmodem-sim is not built in $OPENRAS_BUILD_DIR"
CLIENT=$(dirname "${BASH_SOURCE[0]}")/modem_client.py

work=$(mktemp -d "${TMPDIR:-/tmp}/openras-sim.XXXXXX")
sim_pid=
sim_dev=
cleanup() {
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill -KILL "$sim_pid" 2>/dev/null || true
  fi
  # The far ends lead their own sessions: kill whatever the log says was started.
  if [ -f "$work/log" ]; then
    local p
    for p in $(sed -n 's/.* far end pid \([0-9]*\) started.*/\1/p' "$work/log"); do
      kill -KILL -- "-$p" 2>/dev/null || true
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# wait_for SECONDS WHAT COMMAND...: polls COMMAND until it succeeds, or fails the test.
wait_for() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "timed out after ${seconds}s waiting for $what"
    sleep 0.05
  done
}

# start_sim [--prefix CMD...] -- ARGS...: starts rasmodem-sim with --log $work/log.
start_sim() {
  local prefix=()
  if [ "${1:-}" = --prefix ]; then
    shift
    while [ "$1" != -- ]; do prefix+=("$1"); shift; done
  fi
  [ "${1:-}" = -- ] && shift
  : >"$work/stdout"
  "${prefix[@]}" "$SIM" --log "$work/log" "$@" >"$work/stdout" 2>"$work/stderr" &
  sim_pid=$!
  wait_for 10 "rasmodem-sim's first line" grep -q . "$work/stdout"
  sim_dev=$(head -n 1 "$work/stdout")
  [ -c "$sim_dev" ] || fail "first line \"$sim_dev\" is not a character device"
}

# stop_sim: SIGTERM; rasmodem-sim must exit 0 within 10 s.
stop_sim() {
  kill -TERM "$sim_pid"
  wait_for 10 "rasmodem-sim to exit" sh -c "! kill -0 $sim_pid 2>/dev/null"
  local rc=0
  wait "$sim_pid" || rc=$?
  [ "$rc" -eq 0 ] || fail "rasmodem-sim exited $rc after SIGTERM: $(cat "$work/stderr")"
  sim_pid=
}

talk() { python3 "$CLIENT" --timeout 10 "$@" || fail "talk: $*"; }

far_end_pid() { sed -n 's/.* far end pid \([0-9]*\) started.*/\1/p' "$work/log" | tail -n 1; }

# wait_gone PID WHAT: every process of PID's session must be gone within 10 s.
wait_gone() {
  wait_for 10 "$2 (session $1) to be gone" sh -c "! pgrep -s $1 >/dev/null"
}
