#!/usr/bin/env bash
# Statistics, projection and credentials of built-in connections, through rasmand's D-Bus
# interface with a generic tool (busctl), before the C API uses them: Dial with
# credentials on a test device; GetStatistics (zero counters from a device that moves no
# bytes, the device's Speed, a growing duration); ClearStatistics; GetProjection; another
# user refused; a stopped link answered for within 2 s; the password never on the link's command line, in its environment or in
# rasmand's log; auth:USER:PASSWORD refusing other credentials with 691; delay:MS letting
# a hang-up interrupt a dial in progress, with no projection before it negotiated (730).
. "$(dirname "$0")/../lib.sh"
require_root "the HKLM hive must sit in root-owned directories; another user is made with useradd"
require_cmd busctl timeout pgrep setpriv useradd

. "$(dirname "$0")/dial_lib.sh"
dev Test0 Type REG_SZ test
dev Test0 Speed REG_DWORD 115200
dev Test1 Type REG_SZ test

start_rasmand

B() { timeout 10 busctl --address="unix:path=$sock" call org.openras.RasMan1 /org/openras/RasMan1 \
        org.openras.RasMan1 "$@" 2>&1; }
# rc_of COMMAND...: the exit status, output in $out.
rc_of() { rc=0; out=$("$@") || rc=$?; }
# state_of HANDLE: the connection's state, or "gone".
state_of() {
  local o
  o=$(B GetConnection t "$1") || { echo gone; return; }
  set -- $o
  echo "$6"  # tuutuussssssb: after the signature, handle uid pid start_time state
}
wait_state() {  # wait_state HANDLE STATE
  for _ in $(seq 100); do [ "$(state_of "$1")" = "$2" ] && return 0; sleep 0.05; done
  fail "connection $1 did not reach state $2 (now $(state_of "$1")): $(cat "$work/rasmand.log")"
}
handle_of() { set -- $1; echo "$2"; }  # "t 4611686018427387905" → the number

secret=Pa55-w0rd-e2e
rc_of B Dial ssssbsss /pbk Office Test0 5550100 false alice "$secret" CORP
[ "$rc" -eq 0 ] || fail "Dial with credentials: $out"
h=$(handle_of "$out")
wait_state "$h" 8192

# link_pid: a link process of this test's rasmand: forked by its zygote (`openras-link
# --zygote`, named openras-zygote), a link is named openras-link.
link_pid() {
  local p
  for p in $(pgrep -f "$bin/openras-link"); do
    [ "$(cat "/proc/$p/comm" 2>/dev/null)" = openras-link ] && { echo "$p"; return; }
  done
}


# The link got the credentials over its socket only.
link=$(link_pid)
[ -n "$link" ] || fail "no link process runs"
grep -qa -- "$secret" "/proc/$link/cmdline" && fail "the password is on the link's command line"
# (procfs gives environ a size of 0 whatever it holds: read it.)
environ=$(tr '\0' ' ' <"/proc/$link/environ")
case $environ in *"$secret"*) fail "the password is in the link's environment" ;; esac
[ -z "$environ" ] || fail "the link has an environment: $environ"

rc_of B GetStatistics t "$h"
[ "$rc" -eq 0 ] || fail "GetStatistics: $out"
# ttttuuuuuuuuut: 12 zero counters, bps, duration.
read -r sig c1 c2 c3 c4 e1 e2 e3 e4 e5 e6 r1 r2 bps d1 <<<"$out"
[ "$sig" = ttttuuuuuuuuut ] || fail "GetStatistics signature: $out"
[ "$c1$c2$c3$c4$e1$e2$e3$e4$e5$e6$r1$r2" = 000000000000 ] || fail "the test device moves no bytes: $out"
[ "$bps" = 115200 ] || fail "bps is the device's Speed: $out"
duration_past() {  # duration_past MS: GetStatistics' duration is past MS (kept in $d2)
  rc_of B GetStatistics t "$h"
  d2=$(set -- $out; echo "${15}")
  [ "$rc" -eq 0 ] && [ "$d2" -ge "$1" ]
}
wait_for "the connect duration to grow from $d1 by 250 ms" 5 duration_past $((d1 + 250))
rc_of B ClearStatistics t "$h"
[ "$rc" -eq 0 ] || fail "ClearStatistics: $out"
rc_of B GetStatistics t "$h"
d3=$(set -- $out; echo "${15}")
[ "$d3" -ge "$d2" ] || fail "ClearStatistics reset the duration: $d2 then $d3"
# The connection object's Statistics property: the same values, from the link's last report.
path=$(printf '/org/openras/RasMan1/Connection/%016x' "$h")
out=$(timeout 10 busctl --address="unix:path=$sock" get-property org.openras.RasMan1 "$path" \
        org.openras.RasMan1.Connection Statistics 2>&1)
expect_contains "$out" "(ttttuuuuuuuuut) 0 0 0 0 0 0 0 0 0 0 0 0 115200 " "the Statistics property"

rc_of B GetProjection t "$h"
[ "$rc" -eq 0 ] || fail "GetProjection: $out"
expect_contains "$out" "uayayuuuayaybbuuuuuuuuuuuuu 0 4 192 0 2 2 4 192 0 2 1 0 0 731 8 0 0 0 0 0 0 0 0 8 0 0 0 0 0 0 0 0 false false 49187 " \
  "the test device's projection: 192.0.2.2/192.0.2.1, no IPv6 (731), PAP (49187)"

# Another user neither reads nor clears root's statistics.
test_user user a
as_user() { setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups "$@"; }
BU() { as_user timeout 10 busctl --address="unix:path=$sock" call org.openras.RasMan1 \
         /org/openras/RasMan1 org.openras.RasMan1 "$@" 2>&1; }
for method in GetStatistics ClearStatistics GetProjection; do
  rc_of BU "$method" t "$h"
  [ "$rc" -ne 0 ] || fail "another user's $method succeeded: $out"
  expect_contains "$out" "belongs to another user" "another user's $method"
done

# A link that does not answer (stopped) delays the call by at most 2 s, never hangs it.
kill -STOP "$link"
start=$(date +%s%N)
rc_of B GetStatistics t "$h"
kill -CONT "$link"
[ "$rc" -eq 0 ] || fail "GetStatistics of a stopped link: $out"
[ $(( ($(date +%s%N) - start) / 1000000 )) -lt 4000 ] || fail "GetStatistics of a stopped link took over 4 s"
expect_contains "$(cat "$work/rasmand.log")" "did not answer a statistics request within 2000 ms" \
  "a stopped link"
rc_of B GetStatistics t "$h"
[ "$rc" -eq 0 ] || fail "GetStatistics after the link resumed: $out"

rc_of B HangUp t "$h"
[ "$rc" -eq 0 ] || fail "HangUp: $out"
rc_of B GetStatistics t "$h"
[ "$rc" -ne 0 ] || fail "GetStatistics of a hung-up connection succeeded: $out"

# auth:USER:PASSWORD: the right credentials connect, others fail at Authenticate (691).
rc_of B Dial ssssbsss /pbk Office Test1 "auth:alice:$secret" false alice "$secret" ""
[ "$rc" -eq 0 ] || fail "Dial auth: $out"
h=$(handle_of "$out")
wait_state "$h" 8192
B HangUp t "$h" >/dev/null
rc_of B Dial ssssbsss /pbk Office Test1 "auth:alice:$secret" false alice wrong ""
[ "$rc" -eq 0 ] || fail "Dial auth, wrong password: $out"
h=$(handle_of "$out")
wait_state "$h" gone
expect_contains "$(cat "$work/rasmand.log")" "failed in RASCS_Authenticate with error 691" "wrong credentials"

# delay:MS: a dial in progress has statistics but no projection, and a hang-up ends it.
rc_of B Dial ssssbsss /pbk Office Test1 delay:10000 false "" "" ""
[ "$rc" -eq 0 ] || fail "Dial delay: $out"
h=$(handle_of "$out")
wait_state "$h" 0
rc_of B GetProjection t "$h"
[ "$rc" -ne 0 ] || fail "GetProjection during a dial succeeded: $out"
expect_contains "$out" "has not finished PPP negotiation" "GetProjection during a dial"
rc_of B GetStatistics t "$h"
[ "$rc" -eq 0 ] || fail "GetStatistics during a dial: $out"
[ "$(set -- $out; echo "${14} ${15}")" = "0 0" ] || fail "during a dial bps and duration are 0: $out"
link=$(link_pid)
[ -n "$link" ] || fail "no link process for the delayed dial"
B HangUp t "$h" >/dev/null
wait_state "$h" gone
for _ in $(seq 50); do kill -0 "$link" 2>/dev/null || break; sleep 0.1; done
kill -0 "$link" 2>/dev/null && fail "the link of the interrupted dial outlived the hang-up"

grep -q -- "$secret" "$work/rasmand.log" && fail "the password is in rasmand's log"
stop_rasmand
echo "statistics, projection and credentials of built-in connections through rasmand"
