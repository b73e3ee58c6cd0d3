# modem_dial_lib.sh: what the modem dial tests share (sourced after ../lib.sh and
# dial_lib.sh, as root). Gives: $SIM; R (rasdial with a time-out); rc_of CMD... ($rc, $out);
# expect_error CODE WHAT; wait_until SECONDS WHAT CMD...; start_sim ARGS... (rasmodem-sim
# logging to $work/sim.log; its device in $port); start_rasmand; $locks, no_lock; dials
# (the ATDs rasmodem-sim has answered); entry NAME DEVICE NUMBER [HEADER-LINES], a
# phone-book entry (RedialAttempts=0 unless the header lines say otherwise: the phone
# book's default is 3 redials 60 s apart); and slirp_home [OPTION-LINES...], a home in
# $work/slirp where slirp finds its PPP options (PAP, then the lines given) and the PAP
# secret of testuser/testpass (10.0.2.15): run slirp with HOME=$work/slirp.
SIM=$build/tools/rasmodem-sim/rasmodem-sim
[ -x "$SIM" ] || fail "rasmodem-sim is not built in $build"
R() { timeout 60 "$bin/rasdial" "$@" 2>&1; }
rc_of() { rc=0; out=$("$@") || rc=$?; }
# expect_error CODE WHAT: the last rc_of failed (exit 1) and printed the full RAS code.
expect_error() {
  [ "$rc" -eq 1 ] || fail "$2: exit $rc, expected 1 (error $1): $out"
  expect_contains "$out" "error $1" "$2: the full code"
}
wait_until() {  # wait_until SECONDS WHAT COMMAND...
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "timed out after ${seconds}s waiting for $what"
    sleep 0.05
  done
}
start_sim() {
  "$SIM" --log "$work/sim.log" "$@" >"$work/sim.out" 2>"$work/sim.err" &
  pids+=($!)
  wait_until 10 "rasmodem-sim's device path" grep -q . "$work/sim.out"
  port=$(head -n 1 "$work/sim.out")
  [ -c "$port" ] || fail "rasmodem-sim's first line \"$port\" is not a device"
}
# sim_modem NAME: a modem device NAME on the simulator's line ($port, from start_sim), with
# no flow control (a pty has no RTS/CTS lines).
sim_modem() {
  dev "$1" Type REG_SZ modem
  dev "$1" Port REG_SZ "$port"
  dev "$1" FlowControl REG_SZ none
}
entry() {  # entry NAME DEVICE NUMBER [HEADER-LINES]
  printf '[%s]\nEncoding=1\nType=1\n%s\nMEDIA=serial\nDevice=%s\n\nDEVICE=modem\nPhoneNumber=%s\n\n' \
    "$1" "${4:-RedialAttempts=0}" "$2" "$3"
}
start_rasmand() {
  "$bin/rasmand" --root "$work/root" >"$work/rasmand.log" 2>&1 &
  pids+=($!)
  rasmand_pid=$!
  wait_until 10 "rasmand's socket" test -S "$sock"
}
locks=$work/root/var/lock
no_lock() { [ -z "$(ls -A "$locks" 2>/dev/null)" ]; }
dials() { grep -c '\* dial ' "$work/sim.log" || true; }
slirp_home() {
  mkdir -p "$work/slirp"
  { printf 'ppp\n-bsdcomp\n+pap\n'; [ $# -eq 0 ] || printf '%s\n' "$@"; printf 'ppp_exit\nnozeros\n'; } \
    >"$work/slirp/.slirprc"
  printf 'testuser * testpass 10.0.2.15\n' >"$work/slirp/.pap-secrets"
  chmod 0600 "$work/slirp/.pap-secrets"
}
