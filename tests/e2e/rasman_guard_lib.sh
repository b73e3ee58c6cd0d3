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

guard_users=()
guard_cleanup() {
  local u
  cleanup
  for u in "${guard_users[@]}"; do userdel "$u" >/dev/null 2>&1 || true; done
}
trap guard_cleanup EXIT
trap 'exit 130' INT TERM

# guard_user TAG: creates the user guard-TAG-<pid> (removed on exit) and sets $as_user to
# the setpriv prefix that runs a command as them.
guard_user() {
  local name="guard-$1-$$"
  useradd -M -r -s /usr/sbin/nologin "$name" >/dev/null 2>&1 || fail "cannot create the user $name"
  guard_users+=("$name")
  as_user=(setpriv --reuid="$(id -u "$name")" --regid="$(id -g "$name")" --clear-groups)
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
