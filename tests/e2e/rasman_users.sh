#!/usr/bin/env bash
# rasmand with two real users (test users A and B) and root: each user
# registers a connection and sees only their own; B can neither see nor hang up A's
# (AccessDenied), and registering the same handle gives B an alias, never A's connection;
# root sees and hangs up both; a
# hang-up from another process reaches the registering process (HangUpRequested); a
# client killed with SIGKILL loses its connections; only root stores all-users
# credentials; the socket is 0666 in a 0755 directory; one user's idle sockets are capped;
# each user's busctl sees only their own connection objects, root sees all.
. "$(dirname "$0")/../lib.sh"
require_root "creates users and runs clients as them"
require_cmd useradd busctl
. "$(dirname "$0")/rasman_lib.sh"

test_user user_a a
test_user user_b b
ids_a=$(user_ids "$user_a")
ids_b=$(user_ids "$user_b")
as_a=(setpriv --reuid="${ids_a%:*}" --regid="${ids_a#*:}" --clear-groups)
as_b=(setpriv --reuid="${ids_b%:*}" --regid="${ids_b#*:}" --clear-groups)

start_daemon
[ "$(stat -c '%a' "$sock")" = 666 ] || fail "socket mode is $(stat -c '%a' "$sock"), expected 666"
[ "$(stat -c '%a' "$root/run/openras")" = 755 ] || fail "run/openras mode is $(stat -c '%a' "$root/run/openras")"

# Each user holds one connection in a background process (as a dialer's host would).
"${as_a[@]}" "$C" "$sock" hold 0xa1 OfficeA 60 >"$work/a.out" 2>&1 &
pid_a=$!; pids+=("$pid_a")
"${as_b[@]}" "$C" "$sock" hold 0xb1 OfficeB 60 >"$work/b.out" 2>&1 &
pid_b=$!; pids+=("$pid_b")
wait_for "A to register" 10 grep -q registered "$work/a.out"
wait_for "B to register" 10 grep -q registered "$work/b.out"

expect_exit 0 "A lists" "${as_a[@]}" "$C" "$sock" list
expect_contains "$out" "handle=0xa1 uid=${ids_a%:*}" "A's list"
case "$out" in *0xb1*) fail "A sees B's connection: $out" ;; esac
expect_contains "$out" "1 connections" "A's list"
expect_exit 0 "B lists" "${as_b[@]}" "$C" "$sock" list
expect_contains "$out" "handle=0xb1 uid=${ids_b%:*}" "B's list"
expect_contains "$out" "1 connections" "B's list"
expect_exit 0 "root lists" "$C" "$sock" list
expect_contains "$out" "handle=0xa1" "root's list"
expect_contains "$out" "handle=0xb1" "root's list"
expect_contains "$out" "entry=OfficeA dialer=/usr/lib/openras/dialers/example.so" "root's list"

# Connection objects follow the same rule: each user's busctl sees only their own object;
# to B, A's is an unknown object (not AccessDenied: it does not exist for B).
obj_a=/org/openras/RasMan1/Connection/00000000000000a1
obj_b=/org/openras/RasMan1/Connection/00000000000000b1
bus=(busctl --address="unix:path=$sock")
expect_exit 0 "A's tree" "${as_a[@]}" "${bus[@]}" tree org.openras.RasMan1
expect_contains "$out" "$obj_a" "A's tree"
case "$out" in *"$obj_b"*) fail "A's tree shows B's object: $out" ;; esac
expect_exit 0 "A reads its object" "${as_a[@]}" "${bus[@]}" get-property org.openras.RasMan1 \
  "$obj_a" org.openras.RasMan1.Connection Entry OwnerUid
expect_contains "$out" 's "OfficeA"' "A's object"
expect_contains "$out" "u ${ids_a%:*}" "A's object"
expect_exit 1 "B reads A's object" "${as_b[@]}" "${bus[@]}" get-property org.openras.RasMan1 \
  "$obj_a" org.openras.RasMan1.Connection Entry
expect_contains "$out" "Unknown object" "B reads A's object"
expect_exit 1 "B introspects A's object" "${as_b[@]}" "${bus[@]}" introspect \
  org.openras.RasMan1 "$obj_a" org.openras.RasMan1.Connection
expect_exit 1 "B hangs up A's object" "${as_b[@]}" "${bus[@]}" call org.openras.RasMan1 \
  "$obj_a" org.openras.RasMan1.Connection HangUp
expect_contains "$out" "Unknown object" "B hangs up A's object"
expect_exit 0 "B's managed objects" "${as_b[@]}" "${bus[@]}" call org.openras.RasMan1 \
  /org/openras/RasMan1 org.freedesktop.DBus.ObjectManager GetManagedObjects
expect_contains "$out" "$obj_b" "B's managed objects"
case "$out" in *"$obj_a"*) fail "B's GetManagedObjects lists A's object: $out" ;; esac
expect_exit 0 "root's tree" "${bus[@]}" tree org.openras.RasMan1
expect_contains "$out" "$obj_a" "root's tree"
expect_contains "$out" "$obj_b" "root's tree"
expect_exit 0 "root reads B's object" "${bus[@]}" get-property org.openras.RasMan1 "$obj_b" \
  org.openras.RasMan1.Connection Entry
expect_contains "$out" 's "OfficeB"' "root reads B's object"

# B against A's connection.
expect_exit 1 "B hangs up A's" "${as_b[@]}" "$C" "$sock" hangup 0xa1
expect_contains "$out" "error: kAccessDenied: connection 0xa1 belongs to another user" "B hang-up"
expect_exit 1 "B gets A's" "${as_b[@]}" "$C" "$sock" get 0xa1
expect_contains "$out" "kAccessDenied" "B get"
expect_exit 1 "B unregisters A's" "${as_b[@]}" "$C" "$sock" unregister 0xa1
expect_contains "$out" "kAccessDenied" "B unregister"
expect_exit 1 "B sets A's state" "${as_b[@]}" "$C" "$sock" set-state 0xa1 0x2001 0
expect_contains "$out" "kAccessDenied" "B set-state"
# B's dialer choosing A's handle gets an alias: a connection of B's own, A's untouched.
expect_exit 0 "B registers A's handle" "${as_b[@]}" "$C" "$sock" register 0xa1 Stolen
alias=$(sed -n 's/^registered \(0x[0-9a-f]*\)$/\1/p' <<<"$out")
[ -n "$alias" ] && [ "$alias" != 0xa1 ] || fail "B's registration of 0xa1 was not given an alias: $out"
grep -q "connection $alias: registered by uid ${ids_b%:*} .*dialer's handle 0xa1 is in use" \
  "$work/rasmand.log" || fail "the alias is not logged: $(cat "$work/rasmand.log")"
expect_exit 0 "root gets A's after B's registration" "$C" "$sock" get 0xa1
expect_contains "$out" "uid=${ids_a%:*} " "0xa1 is still A's"
expect_contains "$out" "entry=OfficeA" "0xa1 is still A's"
expect_exit 1 "B gets a missing handle" "${as_b[@]}" "$C" "$sock" get 0xdead
expect_contains "$out" "kInvalidHandle" "missing handle"
grep -q "connection 0xa1: HangUp from uid ${ids_b%:*} .* refused" "$work/rasmand.log" \
  || fail "the refusal is not logged with the handle: $(cat "$work/rasmand.log")"

# A reports progress; root sees it.
expect_exit 0 "A sets its state" "${as_a[@]}" "$C" "$sock" set-state 0xa1 5 0
expect_exit 0 "root gets A's" "$C" "$sock" get 0xa1
expect_contains "$out" "state=5" "state reported"

# Root hangs up A's connection: A's process hears HangUpRequested and unregisters.
expect_exit 0 "root hangs up A's" "$C" "$sock" hangup 0xa1
wait_for "A's process to finish" 10 bash -c "! kill -0 $pid_a 2>/dev/null"
expect_contains "$(cat "$work/a.out")" "hangup-requested 0xa1" "A's client"
expect_contains "$(cat "$work/a.out")" "unregister: ok" "A's client"
expect_exit 0 "root lists after the hang-up" "$C" "$sock" list
expect_contains "$out" "1 connections" "after hang-up"

# B's process is killed mid-connection: rasmand drops what it registered.
kill -9 "$pid_b"
wait_for "B's connection to be dropped" 10 bash -c "'$C' '$sock' list | grep -q '^0 connections'"
grep -q "connection 0xb1: its client (pid [0-9]*) went away; dropped" "$work/rasmand.log" \
  || fail "the drop is not logged: $(cat "$work/rasmand.log")"

# All-users credentials: root stores and reads them; users can do neither.
expect_exit 1 "B stores credentials" "${as_b[@]}" "$C" "$sock" store-cred /pbk Office evil pw ""
expect_contains "$out" "kAccessDenied: only root stores all-users credentials" "B store"
expect_exit 0 "root stores credentials" "$C" "$sock" store-cred /pbk Office alice 's3cret' CORP
expect_exit 1 "A fetches credentials" "${as_a[@]}" "$C" "$sock" fetch-cred /pbk Office
expect_contains "$out" "kAccessDenied: only root reads all-users credentials" "A fetch"
expect_exit 0 "root fetches credentials" "$C" "$sock" fetch-cred /pbk Office
expect_contains "$out" "user=alice password=s3cret domain=CORP" "root fetch"
cred=$root/var/lib/openras/credentials/all-users
[ "$(stat -c '%U %a' "$cred")" = "root 600" ] || fail "credentials file is $(stat -c '%U %a' "$cred")"
[ "$(stat -c '%a' "$(dirname "$cred")")" = 700 ] || fail "credentials dir is $(stat -c '%a' "$(dirname "$cred")")"
"${as_a[@]}" cat "$cred" >/dev/null 2>&1 && fail "user A can read the credentials file"

# One user's idle sockets cannot use up rasmand: past 128 they are closed at once, and
# another user is still served.
expect_exit 0 "A opens 140 idle sockets" "${as_a[@]}" "$C" "$sock" open-many 140
expect_contains "$out" "closed 12 of 140" "per-user socket limit"
expect_exit 0 "B still served" "${as_b[@]}" "$C" "$sock" list

stop_daemon TERM
[ "$daemon_rc" -eq 0 ] || fail "rasmand exited $daemon_rc after SIGTERM"
echo "two users: own connections only, AccessDenied across users, root sees all, hang-up routed, kill -9 dropped, credentials root-only: ok"
