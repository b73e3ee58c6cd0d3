#!/usr/bin/env bash
# rasdial on a private root with no rasmand starts one for that root (so a private root
# needs no service set-up), which then serves other processes and exits when idle.
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
echo "rasdial started rasmand --root $work/root (pid $pid) and reused it"
