#!/usr/bin/env bash
# rasdial's command line against a real rasmand on a private root (issue 15 §1-3, §7):
# - names are UTF-8 whatever the locale: under LC_ALL=C, `rasdial 'Büro' /DISCONNECT`
#   with Büro and Office up hangs up Büro only; listings and --json keep the name whole;
# - an empty or non-UTF-8 entry name is a usage error that hangs up nothing;
# - mistyped options are usage errors (exit 2) that dial nothing (`--stauts`, `-DISCONNEC`),
#   -DISCONNECT is Windows' switch, -h and --version never dial;
# - a failed dial never exits 0: busy (676) and a custom dialer's 768 (low byte 0) exit 1
#   with the full code printed, in text and in --json, and raserror explains what was
#   printed; every --json line parses with jq and the handle round-trips into --status;
# - the password prompt names the entry and end of input dials nothing; --wait=abc and
#   negative values are usage errors.
. "$(dirname "$0")/../lib.sh"
require_root "the HKLM hive and dialers must sit in root-owned directories; the link drops to nobody"
require_cmd timeout jq cc
. "$(dirname "$0")/dial_lib.sh"
install -m 0755 "$build/tools/raserror" "$bin/raserror"
R() { timeout 30 "$bin/rasdial" "$@"; }
rc_of() { rc=0; out=$("$@" 2>&1) || rc=$?; }  # rc_of COMMAND...: exit status, output in $out
rc_json() { rc=0; out=$("$@" 2>"$work/stderr") || rc=$?; }  # the same, stdout only
# The entry names of the caller's connections, one a line, sorted (from --json).
names() { R --json | jq -r '.connections[].entry' | sort; }
expect_names() {  # expect_names WHAT NAME...: exactly these connections are up
  local want
  want=$(printf '%s\n' "${@:2}" | sed '/^$/d' | sort)
  [ "$(names)" = "$want" ] || fail "$1: connections are [$(names | tr '\n' ',')], expected [$(printf '%s,' "${@:2}")]"
}

# A custom dialer whose RasCustomDial fails with 768 (ERROR_FAILED_TO_ENCRYPT): 768 % 256
# is 0, the exit status a failed dial must never have.
mkdir -m 0755 "$work/dialers"
cc -std=c99 -Wall -Werror -shared -fPIC -fvisibility=hidden -I"$OPENRAS_SOURCE_DIR/include" \
  -DDIAL_RESULT=ERROR_FAILED_TO_ENCRYPT -o "$work/dialers/fail768.so" \
  "$OPENRAS_SOURCE_DIR/tests/e2e/minimal_dialer.c" || fail "cannot build the 768 dialer"
chmod 0644 "$work/dialers/fail768.so"
install -m 0644 "$build/dialers/passthrough.so" "$work/dialers/passthrough.so"
"$bin/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL \
  /t REG_MULTI_SZ /d "$work/dialers/fail768.so\0$work/dialers/passthrough.so" /f >/dev/null

dev Test0 Type REG_SZ test
dev Test1 Type REG_SZ test
dev Test2 Type REG_SZ test
mkdir -p "$work/root/etc/openras/pbk"
{
  entry 'Büro' Test0 5550100
  entry Office Test1 5550101
  entry Busy Test2 busy
  entry Fail768 Test2 5550102 "$work/dialers/fail768.so"
  entry Pass Test2 5550103 "$work/dialers/passthrough.so"
} >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"

"$bin/rasmand" --root "$work/root" >"$work/rasmand.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.1; done
[ -S "$sock" ] || fail "rasmand did not start: $(cat "$work/rasmand.log")"
expect_names "nothing up at the start"

# --- Mistyped options: usage errors (2) that dial nothing. ---------------------------------
for args in "--stauts" "Office --stauts" "Office -DISCONNEC" "Office /DISCONNECTX" "Office /Q" \
  "Office --wait=abc" "Office --wait=-1" "Office --wait=" "Office --json=1" "Office a b c"; do
  # shellcheck disable=SC2086
  rc_of R $args
  [ "$rc" -eq 2 ] || fail "rasdial $args: exit $rc, expected 2 (usage): $out"
  expect_contains "$out" "--help" "rasdial $args points to --help"
  expect_names "after rasdial $args"
done
rc_of R --stauts
expect_contains "$out" "unknown option --stauts" "the unknown option is named"
for args in "-h" "--help" "/?" "--version" "Office -h" "Office --version"; do
  # shellcheck disable=SC2086
  rc_of R $args
  [ "$rc" -eq 0 ] || fail "rasdial $args: exit $rc: $out"
  expect_names "after rasdial $args"
done
rc_of R --version
expect_contains "$out" "rasdial (OpenRAS)" "--version"

# --- The password prompt names the entry; end of input dials nothing. ----------------------
rc_of R Office someone '*' </dev/null
[ "$rc" -eq 1 ] || fail "a password prompt at end of input: exit $rc: $out"
expect_contains "$out" "Enter the password for someone to connect to Office" "the prompt"
expect_contains "$out" "was not dialled" "the prompt at end of input"
expect_names "after a prompt at end of input"

# --- Names whatever the locale. ------------------------------------------------------------
rc_of env LC_ALL=C timeout 30 "$bin/rasdial" 'Büro'
[ "$rc" -eq 0 ] || fail "LC_ALL=C rasdial Büro: exit $rc: $out"
expect_contains "$out" "Successfully connected to Büro." "the name printed whole under LC_ALL=C"
case "$out" in *"note:"*) fail "a built-in dial, which outlives rasdial, printed a note: $out" ;; esac
rc_json env LC_ALL=C timeout 30 "$bin/rasdial" Office --json
[ "$rc" -eq 0 ] || fail "rasdial Office --json: exit $rc: $out"
# Every line of --json is a JSON object; the last one carries the handle, as a string.
while IFS= read -r line; do
  jq -e 'type == "object"' >/dev/null <<<"$line" || fail "a --json line does not parse: $line"
done <<<"$out"
[ "$(tail -1 <<<"$out" | jq -r '.connected')" = true ] || fail "the last --json line: $out"
# A dial's progress: one object per state, in order, each naming the entry and its state.
[ "$(head -n -1 <<<"$out" | jq -s 'length > 0 and all(.[]; .entry == "Office" and (.state | type) == "number")')" = true ] \
  || fail "the progress lines of --json: $out"
[ "$(head -n -1 <<<"$out" | jq -s '.[-1].state')" = 8192 ] || fail "the last progress line is not RASCS_Connected: $out"
handle=$(tail -1 <<<"$out" | jq -r '.handle | strings')
[ -n "$handle" ] || fail "no handle string in: $out"
[ "$(R Office --status --json | jq -r .handle)" = "$handle" ] || fail "the handle does not round-trip into --status"
expect_names "two connections" 'Büro' Office
[ "$(env LC_ALL=C "$bin/rasdial" --json | jq -r '.connections[].entry' | sort | head -1)" = 'Büro' ] \
  || fail "--json under LC_ALL=C does not keep Büro whole"
expect_contains "$(env LC_ALL=C "$bin/rasdial")" "Büro" "the text listing under LC_ALL=C"
expect_contains "$(env -i LD_LIBRARY_PATH="$LD_LIBRARY_PATH" OPENRAS_ROOT="$OPENRAS_ROOT" \
  "$bin/rasdial" 'Büro' --status)" "Büro: Connected." "--status under env -i"

# Names that must never mean "every connection": empty, not UTF-8.
for name in '' $'\xff' $'B\xfcro'; do
  rc_of env LC_ALL=C timeout 30 "$bin/rasdial" "$name" /DISCONNECT
  [ "$rc" -eq 2 ] || fail "rasdial '$name' /DISCONNECT: exit $rc, expected 2: $out"
  expect_names "after rasdial '$name' /DISCONNECT" 'Büro' Office
  rc_of env LC_ALL=C timeout 30 "$bin/rasdial" "$name"
  [ "$rc" -eq 2 ] || fail "rasdial '$name': exit $rc, expected 2: $out"
done
rc_of env LC_ALL=C timeout 30 "$bin/rasdial" 'Büro' /DISCONNECT
[ "$rc" -eq 0 ] || fail "LC_ALL=C rasdial Büro /DISCONNECT: exit $rc: $out"
expect_names "LC_ALL=C rasdial Büro /DISCONNECT hangs up Büro only" Office
# Windows' switch with a dash, in any case.
rc_of R office -disconnect
[ "$rc" -eq 0 ] || fail "rasdial office -disconnect: exit $rc: $out"
expect_names "after rasdial office -disconnect"

# --- Failed dials exit 1 and print the full code. ------------------------------------------
rc_of R Busy
[ "$rc" -eq 1 ] || fail "busy: exit $rc, expected 1: $out"
expect_contains "$out" "Remote Access error 676 - " "busy prints its full code"
rc_of "$bin/raserror" "$(grep 'Remote Access error' <<<"$out")"
[ "$rc" -eq 0 ] || fail "raserror of rasdial's line: exit $rc: $out"
expect_contains "$out" "676: " "raserror explains rasdial's line"
rc_of R Fail768
[ "$rc" -eq 1 ] || fail "a dial failing with 768: exit $rc, expected 1: $out"
expect_contains "$out" "Remote Access error 768 - " "768 printed in full"
rc_json R Fail768 --json
[ "$rc" -eq 1 ] || fail "a dial failing with 768 (--json): exit $rc: $out"
[ "$(jq -r '.error' <<<"$(tail -1 <<<"$out")")" = 768 ] || fail "--json of the 768 dial: $out"
[ "$(R Fail768 --json | "$bin/raserror" - | cut -d: -f1)" = 768 ] || fail "raserror - of --json"
# raserror --json: one object per code, that jq reads back.
[ "$(R Fail768 --json | "$bin/raserror" --json - | jq -r 'select(.code == 768) | .message | length > 0')" = true ] \
  || fail "raserror --json of rasdial --json"
rc_json "$bin/raserror" --json 99999
[ "$rc" -eq 1 ] && [ "$(jq -r .code <<<"$out")" = 99999 ] && [ "$(jq -r '.error | length > 0' <<<"$out")" = true ] \
  || fail "raserror --json of an unknown code: exit $rc: $out"
rc_json R Busy --json
[ "$(jq -r '.error' <<<"$(tail -1 <<<"$out")")" = 676 ] || fail "--json of the busy dial: $out"
# --- A custom dialer's connection outlives rasdial, as a built-in one does. ---------------
# rasdial dials it from a child that stays behind in a session of its own, holding it, until
# it is hung up from anywhere; no note, the same lines and status as any dial.
rc_of R Pass
[ "$rc" -eq 0 ] || fail "rasdial Pass (a custom dialer): exit $rc: $out"
expect_contains "$out" "Successfully connected to Pass." "the custom dial's progress, relayed"
expect_contains "$out" "Command completed successfully." "the custom dial's last line"
case "$out" in *"note:"*) fail "the custom dial still printed a note: $out" ;; esac
expect_names "the custom connection outlives rasdial" Pass
holder=$(pgrep -x -f "$bin/rasdial Pass" || true)
[ -n "$holder" ] || fail "no holder process for Pass: $(ps -eo pid,sid,args | grep rasdial)"
[ "$(ps -o sid= -p "$holder" | tr -d ' ')" = "$holder" ] || fail "the holder has no session of its own"
expect_contains "$(R Pass --status)" "Pass: Connected." "--status of the held connection"
rc_of R Pass /DISCONNECT
[ "$rc" -eq 0 ] || fail "rasdial Pass /DISCONNECT: exit $rc: $out"
wait_for "the holder to end with its connection" 10 sh -c "! kill -0 $holder 2>/dev/null"
expect_names "after hanging up the held connection"
# A custom dial that fails leaves no holder behind.
rc_of R Fail768
[ "$(pgrep -c -x -f "$bin/rasdial Fail768" || true)" = 0 ] || fail "a failed custom dial left a holder"
rc_of R Office /DISCONNECT
[ "$rc" -eq 1 ] || fail "hanging up what is not connected: exit $rc: $out"
expect_contains "$out" "error 668" "not connected prints its full code"
expect_names "nothing up at the end"
echo "rasdial: locale-independent names, strict options, failures never exit 0: ok"
