# rasman_guard_lib.sh: shared set-up of the rasmand security tests (docs/security.md,
# "rasmand: resource limits and logging"); sourced after rasman_lib.sh. Gives $A (the raw
# D-Bus attacker, tests/rasman/attack_main.cpp), guard_user (real users, removed on exit
# whatever happens), rss_kib and start_attack.

require_cmd useradd userdel
found=$(find "$OPENRAS_BUILD_DIR" -name rasman_attack -type f -perm -u+x | head -1)
[ -n "$found" ] || fail "rasman_attack is not built in $OPENRAS_BUILD_DIR"
cp "$found" "$work/bin/attack"
chmod a+rx "$work/bin/attack"
A=$work/bin/attack

# guard_user TAG: creates a test user (tests/lib.sh's test_user: unique, removed on exit
# whatever happens), sets $guard_name to it and $as_user to the setpriv prefix that runs a
# command as them.
guard_user() {
  test_user guard_name "g$1"
  as_user=(setpriv --reuid="$(id -u "$guard_name")" --regid="$(id -g "$guard_name")" --clear-groups)
}

# rss_kib PID: the resident set of PID in KiB, from /proc.
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# start_attack OUT COMMAND...: runs COMMAND in the background with its output in OUT and
# waits (at most 60 s) until it holds its sockets ("holding").
start_attack() {
  local out=$1
  shift
  "$@" >"$out" 2>&1 &
  pids+=("$!")
  wait_for "the attacker to hold its sockets ($*)" 60 grep -q '^holding' "$out"
}
