#!/usr/bin/env bash
# rasmand on a real D-Bus system bus (dbus-daemon --system's configuration, with the
# project's policy file data/dbus/org.openras.RasMan1.conf): in system mode it owns
# org.openras.RasMan1 there; busctl --system introspects and calls it; every call is checked
# against the sender's credentials (the bus daemon's, not anything the sender says), so a
# user lists only their own connections there too and root lists all; registrations are
# refused on the bus (they need rasmand's own socket); no signal is published there (only on
# the socket); connection objects are visible to whoever may see them. Without the policy file rasmand cannot own the name, says so, and
# serves its socket all the same.
#
# Everything runs in new mount and PID namespaces with a tmpfs on /run, so the bus daemon,
# its socket and rasmand's are private and vanish with the test.
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" != --inside ]; then
  require_root "system mode and a system bus need root and mount namespaces"
  require_cmd unshare mount setpriv useradd timeout dbus-daemon busctl
  unshare --mount --propagation private --pid --fork --mount-proc true 2>/dev/null \
    || skip "unshare cannot make mount and PID namespaces here"
  exec unshare --mount --propagation private --pid --fork --mount-proc --kill-child \
    bash "$0" --inside
fi

mount -t tmpfs -o mode=0755 openras-run /run
unset OPENRAS_ROOT NOTIFY_SOCKET LISTEN_FDS LISTEN_PID LISTEN_FDNAMES DBUS_SYSTEM_BUS_ADDRESS
export TMPDIR=/run
. "$(dirname "$0")/rasman_lib.sh"
at_exit '[ "$exit_status" -eq 0 ] || { echo "--- rasmand log:"; cat "$work/rasmand.log"; echo "--- bus log:"; cat "$work/bus.log"; } >&2'
sock=/run/openras/rasman.sock

test_user user_a a
test_user user_b b
ids_a=$(user_ids "$user_a")
ids_b=$(user_ids "$user_b")
as_a=(setpriv --reuid="${ids_a%:*}" --regid="${ids_a#*:}" --clear-groups)
as_b=(setpriv --reuid="${ids_b%:*}" --regid="${ids_b#*:}" --clear-groups)

# A system bus with the default policy of Debian's /usr/share/dbus-1/system.conf, and a
# directory for service policies (where ours goes).
mkdir -m 0755 /run/dbus "$work/policy"
write_bus_config() {
  cat >"$work/system.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus"
           send_interface="org.freedesktop.DBus.Introspectable"/>
  </policy>
  <includedir>$work/policy</includedir>
</busconfig>
EOF
}
write_bus_config
start_bus() {
  dbus-daemon --config-file="$work/system.conf" --nofork --nopidfile >>"$work/bus.log" 2>&1 &
  bus_pid=$!
  pids+=("$bus_pid")
  wait_for "the system bus" 10 busctl --system list
}
# rasmand in system mode (no --root), its log checked for the bus.
start_system_rasmand() {
  "$D" >>"$work/rasmand.log" 2>&1 &
  daemon_pid=$!
  pids+=("$daemon_pid")
  wait_for "rasmand to serve $sock" 10 "$C" "$sock" list
}

# Without the policy file, rasmand may not own the name: it says so and serves its socket.
start_bus
start_system_rasmand
wait_for "rasmand's notice that it cannot own its name" 10 grep -q "system bus: cannot own org.openras.RasMan1" "$work/rasmand.log"
expect_exit 0 "the socket serves without the bus name" "$C" "$sock" list
stop_daemon TERM

# With it, rasmand owns the name.
install -m 0644 "$OPENRAS_SOURCE_DIR/data/dbus/org.openras.RasMan1.conf" "$work/policy/"
busctl --system call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus ReloadConfig \
  >/dev/null || fail "the bus did not reload its configuration"
start_system_rasmand
wait_for "rasmand to own org.openras.RasMan1 on the system bus" 10 \
  busctl --system status org.openras.RasMan1
grep -q "cannot own" <(sed -n '/stopped/,$p' "$work/rasmand.log") \
  && fail "rasmand could not own its name with the policy installed"
out=$(busctl --system introspect org.openras.RasMan1 /org/openras/RasMan1 2>&1)
expect_contains "$out" ".ListConnections" "introspection on the bus"
expect_contains "$out" ".GetStatistics" "introspection on the bus"
S() { timeout 10 busctl --system call org.openras.RasMan1 /org/openras/RasMan1 org.openras.RasMan1 "$@" 2>&1; }

# Every signal on the bus, from here on: rasmand must publish none there (HangUpRequested,
# StateChanged, the object manager's would reach every listener), only on its socket.
unique=$(busctl --system status org.openras.RasMan1 | sed -n 's/^UniqueName=//p')
[ -n "$unique" ] || fail "no unique bus name for org.openras.RasMan1"
dbus-monitor --system "type='signal'" >"$work/signals.log" 2>&1 &
monitor=$!
pids+=("$monitor")
wait_for "dbus-monitor to listen" 10 grep -q NameAcquired "$work/signals.log"

# A and B each register a connection over rasmand's socket (where registrations live).
"${as_a[@]}" "$C" "$sock" hold 0xa1 OfficeA 60 >"$work/a.out" 2>&1 &
pids+=($!)
"${as_b[@]}" "$C" "$sock" hold 0xb1 OfficeB 60 >"$work/b.out" 2>&1 &
pids+=($!)
wait_for "A to register" 10 grep -q registered "$work/a.out"
wait_for "B to register" 10 grep -q registered "$work/b.out"

# On the bus, rasmand asks the bus daemon who is calling: root sees both, each user theirs.
out=$(S ListConnections)
expect_contains "$out" "a(tuutuussssssb) 2 " "root's listing on the bus"
out=$("${as_a[@]}" timeout 10 busctl --system call org.openras.RasMan1 /org/openras/RasMan1 \
        org.openras.RasMan1 ListConnections 2>&1)
expect_contains "$out" "a(tuutuussssssb) 1 161 ${ids_a%:*} " "A's listing on the bus (0xa1 only)"
rc=0
out=$("${as_b[@]}" timeout 10 busctl --system call org.openras.RasMan1 /org/openras/RasMan1 \
        org.openras.RasMan1 GetConnection t 161 2>&1) || rc=$?
[ "$rc" -ne 0 ] || fail "B's GetConnection of A's connection succeeded on the bus: $out"
expect_contains "$out" "belongs to another user" "B's GetConnection of A's connection on the bus"
# Registrations need the socket (rasmand cannot see a bus client go away): refused with
# NotSupported, and nothing is registered. dbus-send (dbus-daemon's dbus-bin) prints the
# error's name, which busctl does not.
rc=0
out=$(timeout 10 dbus-send --system --print-reply --dest=org.openras.RasMan1 /org/openras/RasMan1 \
        org.openras.RasMan1.RegisterCustomConnection uint64:193 string:/usr/lib/x.so string:/pbk \
        string:Entry string:modem string:Modem string:1 boolean:false 2>&1) || rc=$?
[ "$rc" -ne 0 ] || fail "a registration over the bus was accepted: $out"
expect_contains "$out" "Error org.openras.RasMan1.Error.NotSupported" "a registration over the bus"
expect_contains "$(S ListConnections)" "a(tuutuussssssb) 2 " "the listing after a refused registration"
# Connection objects: A sees its own, not B's.
out=$("${as_a[@]}" timeout 10 busctl --system tree org.openras.RasMan1 2>&1)
expect_contains "$out" "/org/openras/RasMan1/Connection/00000000000000a1" "A's object on the bus"
case $out in *00000000000000b1*) fail "A sees B's connection object on the bus: $out" ;; esac
out=$(timeout 10 busctl --system get-property org.openras.RasMan1 \
        /org/openras/RasMan1/Connection/00000000000000b1 org.openras.RasMan1.Connection Entry 2>&1)
expect_contains "$out" 's "OfficeB"' "root reads B's object's Entry on the bus"

# Root hangs up A's connection over the bus; A's process gets HangUpRequested.
S HangUp t 161 >/dev/null || fail "root's HangUp over the bus failed"
wait_for "A's connection to go" 10 sh -c "! \"$C\" \"$sock\" list | grep -q 0xa1"
wait_for "A's process to hear HangUpRequested on the socket" 10 grep -q "hangup-requested 0xa1" "$work/a.out"
# A signal of our own, sent after everything above: once the monitor shows it, it has
# shown whatever rasmand sent on the bus before.
dbus-send --system --type=signal /org/openras/Test org.openras.Test.Marker
wait_for "the monitor to see the marker" 10 grep -q "member=Marker" "$work/signals.log"
grep -q "sender=$unique " "$work/signals.log" \
  && fail "rasmand published signals on the system bus: $(grep -A3 "sender=$unique " "$work/signals.log")"
stop_daemon TERM
[ "$daemon_rc" -eq 0 ] || fail "rasmand exited $daemon_rc on SIGTERM"
echo "rasman_system_bus: OK"
