#!/usr/bin/env bash
# rasdial on a private root with no rasmand starts one for that root (so a private root
# needs no service set-up), which then serves other processes and exits when idle; its
# log goes to a file under the root (never /dev/null) that rasdial's messages name.
. "$(dirname "$0")/../lib.sh"
require_cmd pgrep timeout

build=$OPENRAS_BUILD_DIR
scratch_dir work
mkdir -m 0755 "$work/root"
export OPENRAS_ROOT=$work/root
# The rasmand rasdial starts is not our child: found by its unique root.
at_exit 'pkill -f "rasmand --root $work/root"'

rc=0
out=$(OPENRAS_RASMAND_AUTOSTART=0 timeout 30 "$build/tools/rasdial/rasdial" 2>&1) || rc=$?
[ "$rc" -eq 3 ] || fail "listing without a service: exit $rc, expected 3: $out"
expect_contains "$out" "does not answer" "listing without a service says so"
pgrep -f "rasmand --root $work/root" >/dev/null && fail "OPENRAS_RASMAND_AUTOSTART=0 started rasmand"

out=$(timeout 30 "$build/tools/rasdial/rasdial")
expect_contains "$out" "No connections" "listing that starts the service"
pid=$(pgrep -f "rasmand --root $work/root") || fail "rasdial did not start rasmand for $work/root"
[ -S "$work/root/run/openras/rasman.sock" ] || fail "the started rasmand serves no socket"
ps -o args= -p "$pid" | grep -q -- '--exit-idle=' || fail "the started rasmand would never exit"
out=$(timeout 30 "$build/tools/rasdial/rasdial" --json)
expect_contains "$out" '"connections":[]' "a second rasdial uses the running service"
[ "$(pgrep -fc "rasmand --root $work/root")" = 1 ] || fail "a second rasmand was started"
log=$work/root/var/log/openras/rasmand.log
[ "$(readlink "/proc/$pid/fd/2")" = "$log" ] || fail "the started rasmand's stderr is $(readlink "/proc/$pid/fd/2"), not $log"
[ "$(readlink "/proc/$pid/fd/1")" = "$log" ] || fail "the started rasmand's stdout is not its log"

# A rasmand that cannot start: rasdial says so and names the log, which says why.
mkdir -m 0755 -p "$work/broken/run"
touch "$work/broken/run/openras"  # a file where the runtime directory belongs
rc=0
out=$(OPENRAS_ROOT=$work/broken timeout 30 "$build/tools/rasdial/rasdial" 2>&1) || rc=$?
[ "$rc" -eq 3 ] || fail "a rasmand that cannot start: exit $rc, expected 3: $out"
expect_contains "$out" "nothing answers on $work/broken/run/openras/rasman.sock; its log is $work/broken/var/log/openras/rasmand.log" \
  "rasdial names the log"
expect_contains "$(cat "$work/broken/var/log/openras/rasmand.log")" "run/openras" "the log says why rasmand stopped"
echo "rasdial started rasmand --root $work/root (pid $pid, log $log) and reused it"
