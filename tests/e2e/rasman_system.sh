#!/usr/bin/env bash
# rasmand in real system mode (no --root, no OPENRAS_ROOT): socket /run/openras/rasman.sock,
# HKLM hive /etc/openras/registry/HKLM.reg, all-users phone book /etc/openras/pbk/,
# credentials under /var/lib/openras, per-user phone books in each user's ~/.config/openras
# (or $XDG_CONFIG_HOME/openras). Two real users, A and B (test_user), dial,
# list and hang up through the one rasmand: built-in entries on test devices and an entry
# of the example custom dialer, held by several processes at once. Then: a link process killed with SIGKILL (829), a client
# killed mid-dial, and rasmand restarted (what it owned is reported gone; clients reconnect).
#
# The host's /etc, /run, /var/{lib,log,cache} and /home are never touched: the script
# re-executes itself in new mount and PID namespaces, mounts tmpfs on /run, /var/lib,
# /var/log, /var/cache and /home, and bind-mounts a copy of /etc (so the test users are
# still in /etc/passwd) over /etc; the programs under test are copied to /run first. Every
# process it starts dies with the PID namespace, and every mount with the mount namespace.
# Without unshare it skips (a failure under CI=true).
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" != --inside ]; then
  require_root "system mode needs root, real users and mount namespaces"
  require_cmd unshare mount setpriv useradd usermod timeout pgrep ldconfig setcap
  unshare --mount --propagation private --pid --fork --mount-proc true 2>/dev/null \
    || skip "unshare cannot make mount and PID namespaces here"
  exec unshare --mount --propagation private --pid --fork --mount-proc --kill-child \
    bash "$0" --inside
fi

# --- Inside the namespaces: a private system. ---------------------------------------------
# First /run and /etc, then everything the test runs is copied onto /run (the build and
# source trees may lie below /home or /var/lib, which are hidden next).
mount -t tmpfs -o mode=0755 openras-run /run
mkdir -m 0755 /run/etc-copy
# Another test's useradd may create and remove its lock files (/etc/group.lock, ...) while
# this copies: retry until one copy sees a settled /etc.
for i in $(seq 50); do
  cp -a /etc/. /run/etc-copy/ 2>/run/etc-copy.err && break
  [ "$i" -lt 50 ] || fail "cannot copy /etc: $(cat /run/etc-copy.err)"
  sleep 0.2  # a retry's back-off: the lock holder is another test
done
rm -rf /run/etc-copy/openras
mount --bind /run/etc-copy /etc
[ ! -e /etc/openras ] || fail "the private /etc still has an openras directory"
# Nothing may lead a process to the host's files or services.
unset OPENRAS_ROOT OPENRAS_RASMAND_AUTOSTART NOTIFY_SOCKET LISTEN_FDS LISTEN_PID LISTEN_FDNAMES \
  DBUS_SYSTEM_BUS_ADDRESS XDG_RUNTIME_DIR

# rasman_lib.sh puts its scratch directory ($work) in TMPDIR: here a root-owned 0755 path
# on the /run tmpfs, so the dialer installed in it passes the allow-list's owner checks.
export TMPDIR=/run
. "$(dirname "$0")/rasman_lib.sh"
# On failure, rasmand's log says what it saw (the namespace, and the log, go at exit).
at_exit '[ "$exit_status" -eq 0 ] || { echo "--- rasmand log:"; cat "$work/rasmand.log"; } >&2'
# In system mode rasdial never starts a rasmand, whatever this says: tested below with the
# environment a user has (rasman_lib.sh turned it off for the other tests).
unset OPENRAS_RASMAND_AUTOSTART
build=$OPENRAS_BUILD_DIR
bin=$work/bin
mkdir -m 0755 "$work/lib" "$work/dialers"
for tool in rasdial/rasdial rasreg/rasreg openras-link/openras-link; do
  install -m 0755 "$build/tools/$tool" "$bin/"
done
install -m 0755 "$(find "$build" -name rasdial_restart_client -type f | head -1)" "$bin/restart-client"
install -m 0755 "$(find "$build" -name rasdial_test_watch -type f | head -1)" "$bin/watch"
cp -L "$build/libopenras.so.1" "$work/lib/" && chmod 0644 "$work/lib/libopenras.so.1"
install -m 0644 "$build/dialers/example.so" "$work/dialers/example.so"
# libopenras as if installed: in the private ld.so cache (-X: make no links in the host's
# library directories; ldconfig's aux cache goes to a tmpfs), so a program the loader runs
# in secure mode, which ignores LD_LIBRARY_PATH, finds it too.
echo "$work/lib" >/etc/ld.so.conf.d/zz-openras-test.conf
mount -t tmpfs -o mode=0755 openras-var-cache /var/cache
ldconfig -X || fail "ldconfig could not add $work/lib to the private ld.so cache"
export LD_LIBRARY_PATH=$work/lib
sock=/run/openras/rasman.sock

mount -t tmpfs -o mode=0755 openras-var-lib /var/lib
mount -t tmpfs -o mode=0755 openras-var-log /var/log  # useradd may note a new user there
mount -t tmpfs -o mode=0755 openras-home /home
mkdir -m 0700 /home/root
export HOME=/home/root XDG_CONFIG_HOME=/home/root/.config

# The users, in the private /etc (created there when missing), with homes on the tmpfs.
declare -A uid gid home
test_user a a
test_user b b
for u in "$a" "$b"; do
  ids=$(user_ids "$u")
  uid[$u]=${ids%:*}
  gid[$u]=${ids#*:}
  home[$u]=/home/$u
  usermod -d "/home/$u" "$u" >/dev/null 2>&1 || fail "cannot set the home of $u in the private /etc"
  install -d -m 0700 -o "${uid[$u]}" -g "${gid[$u]}" "/home/$u"
  [ "$(getent passwd "$u" | cut -d: -f6)" = "/home/$u" ] || fail "$u's home is not /home/$u"
done
# A uses ~/.config/openras; B sets XDG_CONFIG_HOME. Neither has OPENRAS_ROOT.
as_a=(setpriv --reuid="${uid[$a]}" --regid="${gid[$a]}" --clear-groups
      env -u XDG_CONFIG_HOME HOME="${home[$a]}" USER="$a" LOGNAME="$a"
      OPENRAS_EXAMPLE_LOG="${home[$a]}/example.log")
as_b=(setpriv --reuid="${uid[$b]}" --regid="${gid[$b]}" --clear-groups
      env HOME="${home[$b]}" USER="$b" LOGNAME="$b" XDG_CONFIG_HOME="${home[$b]}/xdg"
      OPENRAS_EXAMPLE_LOG="${home[$b]}/example.log")
# rasdial as root, A and B (arrays, so that expect_exit can run them under timeout).
R=("$bin/rasdial")
A=("${as_a[@]}" "$bin/rasdial")
B=("${as_b[@]}" "$bin/rasdial")

# bg VAR FILE COMMAND...: runs COMMAND in the background (killed at exit), output in FILE.
bg() {
  local var=$1 file=$2
  shift 2
  "$@" >"$file" 2>&1 &
  printf -v "$var" '%s' "$!"
  pids+=("$!")
}
# finished PID: true once the process has exited.
finished() { ! kill -0 "$1" 2>/dev/null; }
# exit_of PID: waits (at most 10 s) for a background process; its status in $rc.
exit_of() {
  wait_for "process $1 to finish" 10 finished "$1"
  rc=0
  wait "$1" || rc=$?
}
# handle_of ENTRY: the connection's handle (as root sees it), in hex.
handle_of() {
  local h
  h=$("${R[@]}" --json | grep -o "\"entry\":\"$1\",\"handle\":\"[0-9]*" | sed 's/.*:"//')
  [ -n "$h" ] || fail "no connection $1 in root's listing: $("${R[@]}" --json)"
  printf '0x%x' "$h"
}
# The link processes (named openras-link; their zygote is openras-zygote).
links() {
  local p
  for p in $(pgrep -f "$bin/openras-link"); do
    [ "$(cat "/proc/$p/comm" 2>/dev/null)" = openras-link ] && printf '%s ' "$p"
  done
  return 0
}

# --- The administrator's set-up, in system mode. ------------------------------------------
dev() { "$bin/rasreg" add "HKLM\\Software\\OpenRAS\\Devices\\$1" /v Type /d test /f >/dev/null; }
for d in dev1 dev2 dev3; do dev "$d" || fail "rasreg could not add the test device $d"; done
"$bin/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL \
  /t REG_MULTI_SZ /d "$work/dialers/example.so" /f >/dev/null || fail "rasreg CustomDLL"
[ "$(stat -c '%U %a' /etc/openras/registry/HKLM.reg)" = "root 644" ] \
  || fail "the system HKLM hive is $(stat -c '%U %a' /etc/openras/registry/HKLM.reg)"
expect_exit 0 "rasreg query" "$bin/rasreg" query 'HKLM\Software\OpenRAS\Devices\dev2' /v Type
expect_contains "$out" "test" "the device is in the system hive"

# entry NAME DEVICE TYPE NUMBER [DIALER]: a phone-book section as Windows writes it.
entry() {
  printf '[%s]\nEncoding=1\nType=1\n%s\nMEDIA=serial\nDevice=%s\n\nDEVICE=%s\nPhoneNumber=%s\n\n' \
    "$1" "${5:+CustomRasDialDll=$5}" "$2" "$3" "$4"
}
install -d -m 0755 /etc/openras/pbk
{
  entry Shared dev3 test 5550103
  entry Custom "Example modem" modem 5550199 "$work/dialers/example.so"
} >/etc/openras/pbk/rasphone.pbk
chmod 0644 /etc/openras/pbk/rasphone.pbk
# Each user writes their own phone book, where Paths::user_phonebook puts it.
pbk_a=${home[$a]}/.config/openras/pbk/rasphone.pbk
pbk_b=${home[$b]}/xdg/openras/pbk/rasphone.pbk
entry A-Office dev1 test 5550101 | "${as_a[@]}" sh -c \
  "umask 077 && mkdir -p '$(dirname "$pbk_a")' && cat >'$pbk_a'" || fail "A's phone book"
entry B-Office dev2 test 5550102 | "${as_b[@]}" sh -c \
  "umask 077 && mkdir -p '$(dirname "$pbk_b")' && cat >'$pbk_b'" || fail "B's phone book"
[ "$(stat -c %U "$pbk_a")" = "$a" ] || fail "A's phone book belongs to $(stat -c %U "$pbk_a")"

# --- No rasmand yet: rasdial in system mode starts none and fails fast (711). -------------
expect_exit 3 "A dials with no rasmand" "${A[@]}" A-Office
expect_contains "$out" "Remote Access error 711" "a dial with no rasmand"
expect_exit 3 "A lists with no rasmand" "${A[@]}"
expect_contains "$out" "does not answer" "a listing with no rasmand says so"
expect_exit 3 "A lists as JSON with no rasmand" "${A[@]}" --json
expect_contains "$out" '"service_reachable":false' "a JSON listing with no rasmand"
# OPENRAS_ROOT=/ and an empty OPENRAS_ROOT are the system root too: still no autostart.
for root_env in OPENRAS_ROOT=/ OPENRAS_ROOT=; do
  expect_exit 3 "A dials with $root_env and no rasmand" "${as_a[@]}" "$root_env" \
    OPENRAS_RASMAND_AUTOSTART=1 "$bin/rasdial" A-Office
done
# A rasdial the loader runs in secure mode (a copy with a file capability) ignores
# OPENRAS_ROOT, as the library does: it starts no rasmand for a root the caller names.
install -m 0755 "$bin/rasdial" "$bin/rasdial-cap"
setcap cap_net_bind_service+ep "$bin/rasdial-cap" || fail "setcap on $bin/rasdial-cap"
install -d -m 0755 -o "${uid[$a]}" -g "${gid[$a]}" "${home[$a]}/root"
expect_exit 3 "A's privileged rasdial with OPENRAS_ROOT" "${as_a[@]}" \
  OPENRAS_ROOT="${home[$a]}/root" "$bin/rasdial-cap" A-Office
pgrep -x rasmand >/dev/null && fail "rasdial started a rasmand in system mode: $(pgrep -ax rasmand)"
[ ! -e /run/openras ] || fail "something created /run/openras without rasmand"

# --- rasmand in system mode, started with a strict umask (as a hardened root shell has). --
# start_system: rasmand with no --root in the background; waits until its socket answers.
start_system() {
  (umask 077 && exec "$D") >>"$work/rasmand.log" 2>&1 &
  daemon_pid=$!
  pids+=("$daemon_pid")
  wait_for "rasmand to serve $sock" 10 "$C" "$sock" list
}
start_system
expect_contains "$(cat "$work/rasmand.log")" "serving $sock (system mode)" "rasmand's log"
[ "$(stat -c '%U %a' /run/openras)" = "root 755" ] || fail "/run/openras is $(stat -c '%U %a' /run/openras)"
[ "$(stat -c '%U %a' "$sock")" = "root 666" ] || fail "the socket is $(stat -c '%U %a' "$sock")"
expect_exit 0 "A reaches rasmand" "${as_a[@]}" "$C" "$sock" list
expect_exit 0 "B reaches rasmand" "${as_b[@]}" "$C" "$sock" list
# All-users credentials live in /var/lib/openras, root's alone.
expect_exit 0 "root stores credentials" "$C" "$sock" store-cred /etc/openras/pbk/rasphone.pbk Shared alice pw CORP
cred=/var/lib/openras/credentials/all-users
[ "$(stat -c '%U %a' "$cred")" = "root 600" ] || fail "$cred is $(stat -c '%U %a' "$cred")"
[ "$(stat -c '%U %a' "$(dirname "$cred")")" = "root 700" ] || fail "$(dirname "$cred") is $(stat -c '%U %a' "$(dirname "$cred")")"
expect_exit 1 "A stores credentials" "${as_a[@]}" "$C" "$sock" store-cred /etc/openras/pbk/rasphone.pbk Shared a b c
expect_contains "$out" "kAccessDenied" "a user storing all-users credentials"

# --- Built-in dials by two users. ----------------------------------------------------------
# A dials and leaves (a built-in connection belongs to rasmand); B dials and holds.
expect_exit 0 "A dials A-Office" "${A[@]}" A-Office
expect_contains "$out" "Successfully connected to A-Office." "A's dial"
bg hold_b "$work/b-office.out" "${as_b[@]}" timeout 60 "$bin/rasdial" B-Office --wait=50
wait_for "B's dial" 10 grep -q "Successfully connected to B-Office" "$work/b-office.out"

expect_exit 0 "A lists" "${A[@]}"
expect_contains "$out" "A-Office" "A's listing"
case $out in *B-Office*) fail "A sees B's connection: $out" ;; esac
expect_exit 0 "B lists" "${B[@]}"
expect_contains "$out" "B-Office" "B's listing"
case $out in *A-Office*) fail "B sees A's connection: $out" ;; esac
expect_exit 0 "root lists" "${R[@]}"
expect_contains "$out" "A-Office" "root's listing"
expect_contains "$out" "B-Office" "root's listing"
# The per-user phone books were found where system mode keeps them.
expect_exit 0 "A lists as JSON" "${A[@]}" --json
expect_contains "$out" "\"entry\":\"A-Office\"" "A's JSON"
expect_contains "$out" "\"phonebook\":\"$pbk_a\",\"all_users\":false" "A's entry is from ~/.config"
expect_exit 0 "B lists as JSON" "${B[@]}" --json
expect_contains "$out" "\"phonebook\":\"$pbk_b\",\"all_users\":false" "B's entry is from XDG_CONFIG_HOME"
h_a=$(handle_of A-Office)
expect_exit 0 "root reads A's record" "$C" "$sock" get "$h_a"
expect_contains "$out" "uid=${uid[$a]} " "A owns A-Office"
expect_contains "$out" "state=8192" "A-Office is connected"
for p in $(links); do
  [ "$(stat -c %U "/proc/$p")" = nobody ] || fail "link $p runs as $(stat -c %U "/proc/$p")"
done
[ "$(links | wc -w)" = 2 ] || fail "expected 2 link processes, found: $(links)"

# B against A's connection: rasdial finds nothing to hang up (668); the D-Bus HangUp and
# GetConnection are AccessDenied; A's connection is untouched.
expect_exit 1 "B hangs up A-Office" "${B[@]}" A-Office /DISCONNECT
expect_contains "$out" "error 668" "B hangs up A-Office: the full code"
expect_contains "$out" "You are not connected to A-Office." "B's hang-up of A's"
expect_contains "$out" "Remote Access error 668" "B's hang-up of A's"
expect_exit 1 "B's HangUp of A's handle" "${as_b[@]}" "$C" "$sock" hangup "$h_a"
expect_contains "$out" "kAccessDenied: connection $h_a belongs to another user" "B's HangUp"
expect_exit 1 "B's GetConnection of A's handle" "${as_b[@]}" "$C" "$sock" get "$h_a"
expect_contains "$out" "kAccessDenied" "B's GetConnection"
expect_exit 1 "B's status of A-Office" "${B[@]}" A-Office --status
expect_contains "$out" "error 668" "B's status of A-Office: the full code"
expect_exit 0 "A's status" "${A[@]}" A-Office --status
expect_contains "$out" "A-Office: Connected." "A's connection survived B's attempts"

# A hangs up its own; root hangs up B's, and B's holder hears of it.
expect_exit 0 "A hangs up A-Office" "${A[@]}" A-Office /DISCONNECT
expect_contains "$out" "Command completed successfully." "A's hang-up"
expect_exit 0 "A lists after its hang-up" "${A[@]}"
expect_contains "$out" "No connections" "A after the hang-up"
expect_exit 0 "root hangs up B-Office" "${R[@]}" B-Office /DISCONNECT
exit_of "$hold_b"
[ "$rc" -eq 0 ] || fail "B's rasdial --wait exited $rc: $(cat "$work/b-office.out")"
expect_contains "$(cat "$work/b-office.out")" "hung up by another process" "B's holder"
expect_exit 0 "root lists after the hang-ups" "${R[@]}"
expect_contains "$out" "No connections" "after the hang-ups"
wait_for "the link processes to exit" 5 test -z "$(links)"

# --- A custom dialer (example.so, allowed in CustomDLL) through the system rasmand. --------
bg hold_c "$work/custom.out" "${as_a[@]}" timeout 60 "$bin/rasdial" Custom --wait=50
wait_for "A's custom dial" 10 grep -q "Successfully connected to Custom" "$work/custom.out"
expect_exit 0 "A lists from another process" "${A[@]}"
expect_contains "$out" "Custom" "A's listing of the custom connection"
expect_exit 0 "A's status from another process" "${A[@]}" Custom --status
expect_contains "$out" "Custom: Connected." "status of the custom connection"
expect_exit 0 "A lists as JSON" "${A[@]}" --json
expect_contains "$out" "\"entry\":\"Custom\"" "A's JSON"
expect_contains "$out" "\"phonebook\":\"/etc/openras/pbk/rasphone.pbk\",\"all_users\":true" \
  "the custom entry is from the system all-users phone book"
expect_exit 0 "B lists" "${B[@]}"
expect_contains "$out" "No connections" "B does not see A's custom connection"
expect_exit 1 "B hangs up A's custom connection" "${B[@]}" Custom /DISCONNECT
expect_contains "$out" "error 668" "B hangs up A's custom connection: the full code"
expect_exit 1 "B's HangUp of A's custom handle" "${as_b[@]}" "$C" "$sock" hangup "$(handle_of Custom)"
expect_contains "$out" "kAccessDenied" "B's HangUp of the custom connection"
expect_exit 0 "root reads the custom record" "$C" "$sock" get "$(handle_of Custom)"
expect_contains "$out" "uid=${uid[$a]} " "A owns the custom connection"
expect_contains "$out" "dialer=$work/dialers/example.so" "the record names the dialer"
# A third process of A's hangs up: RasCustomHangUp runs in the first (the dialer's) process.
expect_exit 0 "A hangs up from a third process" "${A[@]}" Custom /DISCONNECT
exit_of "$hold_c"
[ "$rc" -eq 0 ] || fail "A's custom rasdial --wait exited $rc: $(cat "$work/custom.out")"
expect_contains "$(cat "$work/custom.out")" "hung up by another process" "A's custom holder"
expect_contains "$(cat "${home[$a]}/example.log")" "RasCustomHangUp entry=Custom" \
  "A's RasCustomHangUp ran"
expect_exit 0 "root lists" "${R[@]}"
expect_contains "$out" "No connections" "the custom connection is gone"
# Root hangs up a user's custom connection the same way: it reaches A's dialer.
: >"${home[$a]}/example.log"
bg hold_c "$work/custom2.out" "${as_a[@]}" timeout 60 "$bin/rasdial" Custom --wait=50
wait_for "A's second custom dial" 10 grep -q "Successfully connected to Custom" "$work/custom2.out"
expect_exit 0 "root hangs up A's custom connection" "${R[@]}" Custom /DISCONNECT
exit_of "$hold_c"
[ "$rc" -eq 0 ] || fail "A's custom rasdial --wait exited $rc: $(cat "$work/custom2.out")"
expect_contains "$(cat "${home[$a]}/example.log")" "RasCustomHangUp entry=Custom" \
  "root's hang-up reached A's RasCustomHangUp"

# --- The same dialer in several processes at once: two of A's, one of B's. ----------------
# The example dialer's handle is its record's address, which the sanitizer build's allocator
# makes the same in every process; rasmand lists each connection under a handle of its own
# (the dialer's, or an alias), and each hang-up reaches the process that dialled.
# custom_holder VAR N HOME USER-ARRAY...: rasdial Custom --wait as that user (no `timeout`,
# so the pid is rasdial's), its example dialer logging to HOME/example-N.log.
custom_holder() {
  local var=$1 n=$2 dir=$3
  shift 3
  bg "$var" "$work/custom-$n.out" "$@" OPENRAS_EXAMPLE_LOG="$dir/example-$n.log" \
    "$bin/rasdial" Custom --wait=50
}
# handle_of_pid PID: the handle rasmand lists the connection that process registered under.
handle_of_pid() { "$C" "$sock" list | sed -n "s/^handle=\(0x[0-9a-f]*\) uid=[0-9]* pid=$1 .*/\1/p"; }
custom_holder a1 1 "${home[$a]}" "${as_a[@]}"
custom_holder a2 2 "${home[$a]}" "${as_a[@]}"
custom_holder b1 3 "${home[$b]}" "${as_b[@]}"
for n in 1 2 3; do
  wait_for "custom dial $n" 10 grep -q "Successfully connected to Custom" "$work/custom-$n.out"
done
h_a1=$(handle_of_pid "$a1")
h_a2=$(handle_of_pid "$a2")
h_b1=$(handle_of_pid "$b1")
[ -n "$h_a1" ] && [ -n "$h_a2" ] && [ -n "$h_b1" ] \
  || fail "not every process's connection is in rasmand: a1=$h_a1 a2=$h_a2 b1=$h_b1: $("$C" "$sock" list)"
[ "$(printf '%s\n' "$h_a1" "$h_a2" "$h_b1" | sort -u | wc -l)" = 3 ] \
  || fail "the connections share a handle: $h_a1 $h_a2 $h_b1"
expect_exit 0 "root lists the three" "${R[@]}" --json
[ "$(grep -o '"entry":"Custom","handle":"[0-9]*' <<<"$out" | sort -u | wc -l)" = 3 ] \
  || fail "root does not list three distinct Custom connections: $out"
if [ -n "${OPENRAS_SANITIZER_FLAGS:-}" ]; then
  # Here the dialers returned the same value; all but the first registration got aliases.
  [ "$(grep -c "dialer's handle .* is in use by another connection" "$work/rasmand.log")" -ge 2 ] \
    || fail "expected aliases for the sanitizer build's equal handles: $(cat "$work/rasmand.log")"
fi
expect_exit 0 "A lists" "${A[@]}"
[ "$(grep -c '^Custom$' <<<"$out")" = 2 ] || fail "A does not see its two Custom connections: $out"
expect_exit 0 "B lists" "${B[@]}"
[ "$(grep -c '^Custom$' <<<"$out")" = 1 ] || fail "B does not see exactly its Custom connection: $out"
# A third process of A's, on the second one's handle: status, statistics, projection and
# a notification work there, and its hang-up reaches the second process's dialer only.
expect_exit 0 "A works on its second connection from a third process" "${as_a[@]}" "$bin/watch" on "$h_a2"
for line in "status rc=0 state=0x2000" "stats rc=0" "projection rc=730" "notification rc=0" \
            "hangup rc=0" "ended"; do
  expect_contains "$out" "$line" "A's third process on $h_a2"
done
exit_of "$a2"
[ "$rc" -eq 0 ] || fail "A's second holder exited $rc: $(cat "$work/custom-2.out")"
expect_contains "$(cat "$work/custom-2.out")" "hung up by another process" "A's second holder"
expect_contains "$(cat "${home[$a]}/example-2.log")" "RasCustomHangUp entry=Custom" "A's second dialer"
grep -q RasCustomHangUp "${home[$a]}/example-1.log" && fail "the hang-up of $h_a2 reached A's first process"
kill -0 "$a1" || fail "A's first holder ended with the second"
kill -0 "$b1" || fail "B's holder ended with A's second"
# Root, from another process, hangs up B's, then A's first.
expect_exit 0 "root works on B's connection" "$bin/watch" on "$h_b1"
expect_contains "$out" "hangup rc=0" "root's hang-up of $h_b1"
exit_of "$b1"
[ "$rc" -eq 0 ] || fail "B's holder exited $rc: $(cat "$work/custom-3.out")"
expect_contains "$(cat "${home[$b]}/example-3.log")" "RasCustomHangUp entry=Custom" "B's dialer"
grep -q RasCustomHangUp "${home[$a]}/example-1.log" && fail "the hang-up of $h_b1 reached A's first process"
kill -0 "$a1" || fail "A's first holder ended with B's"
expect_exit 0 "root works on A's first connection" "$bin/watch" on "$h_a1"
expect_contains "$out" "hangup rc=0" "root's hang-up of $h_a1"
exit_of "$a1"
[ "$rc" -eq 0 ] || fail "A's first holder exited $rc: $(cat "$work/custom-1.out")"
expect_contains "$(cat "${home[$a]}/example-1.log")" "RasCustomHangUp entry=Custom" "A's first dialer"
expect_exit 0 "root lists after the three hang-ups" "${R[@]}"
expect_contains "$out" "No connections" "after the three hang-ups"

# --- A link process killed with SIGKILL: the owner's rasdial --wait ends with 829. --------
bg hold_a "$work/kill-link.out" "${as_a[@]}" timeout 60 "$bin/rasdial" A-Office --wait=50
wait_for "A's dial" 10 grep -q "Successfully connected to A-Office" "$work/kill-link.out"
link=$(links | tr -d " ")
[ "$(wc -w <<<"$link")" = 1 ] || fail "expected one link process, found: $link"
kill -9 "$link"
exit_of "$hold_a"
[ "$rc" -eq 1 ] || fail "killed link: rasdial exited $rc, expected 1 (error 829): $(cat "$work/kill-link.out")"
expect_contains "$(cat "$work/kill-link.out")" "error 829" "killed link: the full code"
expect_contains "$(cat "$work/kill-link.out")" "Remote Access error 829" "A's rasdial --wait"
expect_exit 0 "A lists after the link died" "${A[@]}"
expect_contains "$out" "No connections" "the dead link's connection is gone for A"
expect_exit 0 "root lists after the link died" "${R[@]}"
expect_contains "$out" "No connections" "the dead link's connection is gone"
expect_contains "$(cat "$work/rasmand.log")" "was killed by" "rasmand logs the link's death"

# --- A client that disappears mid-dial. -----------------------------------------------------
# Custom dialer: the example dialer takes about 140 ms from RASCS_OpenPort to Connected.
# Freeze rasdial (SIGSTOP) once its dialer reports RASCS_PortOpened — the connection is
# registered with rasmand by then, the dial not finished — then kill it with SIGKILL.
caught=
for _ in 1 2 3 4 5 6 7 8; do
  bg dialing "$work/midway.out" "${as_a[@]}" "$bin/rasdial" Custom --wait=50
  for _ in $(seq 500); do grep -q "Port opened." "$work/midway.out" && break; sleep 0.005; done
  kill -STOP "$dialing"
  listing=$("$C" "$sock" list) || fail "rasmand's listing mid-dial: $listing"
  registered=$(awk '/entry=Custom/ { n++ } END { print n + 0 }' <<<"$listing")
  if ! grep -q "Connected\." "$work/midway.out" && [ "$registered" = 1 ]; then
    caught=1
  fi
  kill -9 "$dialing"
  exit_of "$dialing"
  [ "$rc" -eq 137 ] || fail "the frozen rasdial was not killed (exit $rc): $(cat "$work/midway.out")"
  wait_for "the killed client's record to go" 10 bash -c "! '$C' '$sock' list | grep -q entry=Custom"
  [ -n "$caught" ] && break
done
[ -n "$caught" ] || fail "could not stop rasdial between registration and RASCS_Connected in 8 attempts"
expect_contains "$(cat "$work/rasmand.log")" "went away; dropped" "rasmand logs the dropped record"
kill -0 "$daemon_pid" || fail "rasmand died when a client vanished mid-dial"
expect_exit 0 "B is still served" "${B[@]}"
expect_contains "$out" "No connections" "B after A's client vanished"
expect_exit 0 "root lists after the vanished client" "${R[@]}"
expect_contains "$out" "No connections" "no stale record of the vanished client"
# The same entry dials again at once (no stale handle or device left behind).
bg hold_c "$work/custom3.out" "${as_a[@]}" timeout 60 "$bin/rasdial" Custom --wait=50
wait_for "A's custom dial after the vanished one" 10 grep -q "Successfully connected" "$work/custom3.out"
expect_exit 0 "A hangs up" "${A[@]}" Custom /DISCONNECT
exit_of "$hold_c"

# Built-in: rasdial killed as soon as its dial started (--wait only keeps it alive to be
# killed). The connection is rasmand's: it still completes, stays A's, and A ends it from a
# new process. (Test devices connect at once; with a slow test number, this is where a
# dial still in progress would be checked.)
bg dialing "$work/builtin-midway.out" "${as_a[@]}" "$bin/rasdial" A-Office --wait=50
for _ in $(seq 500); do grep -q "Opening the port" "$work/builtin-midway.out" && break; sleep 0.005; done
kill -9 "$dialing"
exit_of "$dialing"
[ "$rc" -eq 137 ] || fail "rasdial was not killed mid-dial (exit $rc): $(cat "$work/builtin-midway.out")"
wait_for "the orphaned built-in dial to connect" 10 bash -c "'$C' '$sock' list | grep -q 'uid=${uid[$a]} pid=[0-9]* state=8192 error=0 entry=A-Office'"
expect_exit 0 "A lists the orphaned dial" "${A[@]}"
expect_contains "$out" "A-Office" "the built-in connection outlives its killed dialler"
expect_exit 0 "A hangs up the orphaned dial" "${A[@]}" A-Office /DISCONNECT
expect_exit 0 "root lists" "${R[@]}"
expect_contains "$out" "No connections" "after the orphaned dial's hang-up"

# --- rasmand restarted: connections it owned are reported gone; clients reconnect. --------
bg hold_a "$work/restart-a.out" "${as_a[@]}" timeout 60 "$bin/rasdial" Shared --wait=50
wait_for "A's dial of the all-users entry" 10 grep -q "Successfully connected to Shared" "$work/restart-a.out"
# Two custom connections of the same dialer, A's and B's, through the restart.
: >"${home[$a]}/example.log"
bg hold_ac "$work/restart-ac.out" "${as_a[@]}" timeout 60 "$bin/rasdial" Custom --wait=50
bg hold_b "$work/restart-b.out" "${as_b[@]}" timeout 60 "$bin/rasdial" Custom --wait=50
wait_for "A's custom dial" 10 grep -q "Successfully connected to Custom" "$work/restart-ac.out"
wait_for "B's custom dial" 10 grep -q "Successfully connected to Custom" "$work/restart-b.out"
expect_exit 0 "B dials B-Office and leaves it up" "${B[@]}" B-Office
# A client that outlives the restart (one client object, polling A's connections).
bg poller "$work/poll.out" "${as_a[@]}" "$C" "$sock" poll-list 40
# And one libopenras process, holding a built-in connection, that will dial again.
bg survivor "$work/survivor.out" "${as_a[@]}" "$bin/restart-client" A-Office "$work/go"
wait_for "the surviving process's first dial" 10 grep -q "^first rc=0" "$work/survivor.out"
wait_for "the poller to see A's connections" 10 grep -q "^ok 3" "$work/poll.out"
expect_exit 0 "root lists before the restart" "${R[@]}"
for e in Shared Custom B-Office; do expect_contains "$out" "$e" "root's listing before the restart"; done
old_links=$(links)
stop_daemon TERM
[ "$daemon_rc" -eq 0 ] || fail "rasmand exited $daemon_rc after SIGTERM"
[ ! -e "$sock" ] || fail "rasmand left its socket behind"
exit_of "$hold_a"
[ "$rc" -eq 1 ] || fail "A's holder exited $rc, expected 1 (error 631): $(cat "$work/restart-a.out")"
expect_contains "$(cat "$work/restart-a.out")" "error 631" "A's holder: the full code"
expect_contains "$(cat "$work/restart-a.out")" "Remote Access error 631" "A's holder at rasmand's stop"
exit_of "$hold_b"
[ "$rc" -eq 0 ] || fail "B's custom holder exited $rc: $(cat "$work/restart-b.out")"
expect_contains "$(cat "${home[$b]}/example.log")" "RasCustomHangUp entry=Custom" \
  "rasmand's stop reached B's RasCustomHangUp"
exit_of "$hold_ac"
[ "$rc" -eq 0 ] || fail "A's custom holder exited $rc: $(cat "$work/restart-ac.out")"
expect_contains "$(cat "${home[$a]}/example.log")" "RasCustomHangUp entry=Custom" \
  "rasmand's stop reached A's RasCustomHangUp"
for p in $old_links; do wait_for "link $p to exit with rasmand" 5 finished "$p"; done
wait_for "the poller to notice" 10 grep -q kServiceUnavailable "$work/poll.out"
wait_for "the surviving process to see its connection end" 10 grep -q "^first-ended" "$work/survivor.out"
expect_exit 3 "B lists while rasmand is down" "${B[@]}"
expect_contains "$out" "does not answer" "B while rasmand is down"
start_system
wait_for "the poller to reconnect" 10 grep -q "^ok 0" "$work/poll.out"
expect_contains "$(tr '\n' ' ' <"$work/poll.out")" "ok 3 kServiceUnavailable ok 0" \
  "one client across the restart"
touch "$work/go"
exit_of "$survivor"
[ "$rc" -eq 0 ] || fail "the surviving libopenras process exited $rc: $(cat "$work/survivor.out")"
expect_contains "$(cat "$work/survivor.out")" "second rc=0" "the surviving process dials again"
expect_exit 0 "root lists after the restart" "${R[@]}"
expect_contains "$out" "No connections" "nothing survives the restart"
expect_exit 0 "B dials again after the restart" "${B[@]}" B-Office
expect_exit 0 "A lists after the restart" "${A[@]}"
expect_contains "$out" "No connections" "A after the restart"
expect_exit 0 "B lists after the restart" "${B[@]}"
expect_contains "$out" "B-Office" "B after the restart"
expect_exit 0 "B hangs up" "${B[@]}" B-Office /DISCONNECT
stop_process "$poller" TERM 10  # (it may have finished its 40 s already: exit 0)
[ "$stopped_rc" -eq 0 ] || [ "$stopped_rc" -eq 143 ] || fail "the poller exited $stopped_rc: $(cat "$work/poll.out")"

stop_daemon TERM
[ "$daemon_rc" -eq 0 ] || fail "rasmand exited $daemon_rc after the final SIGTERM"
[ -z "$(links)" ] || fail "link processes outlived rasmand: $(links)"
echo "system mode: two users dial, list and hang up (built-in and custom) through /run/openras/rasman.sock; SIGKILLed link 829; vanished client dropped; restart reported and reconnected: ok"
