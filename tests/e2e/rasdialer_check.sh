#!/usr/bin/env bash
# rasdialer-check passes both sample dialers — the forwarding one through its scratch
# root's own rasmand, to a real RASCS_Connected — and fails every member of the
# broken-dialer zoo, each with the right reason; it survives dialers that crash, exit or
# hang, reporting the checks so far; it never loads a library that fails a rule; started
# as root, the dialer runs as nobody (or --user), never as root; nothing it started
# outlives it.
. "$(dirname "$0")/../lib.sh"
require_root "dialers must sit in root-owned directories; the exercise drops to nobody"
require_cmd useradd userdel pgrep timeout jq

build=$OPENRAS_BUILD_DIR
check=$build/tools/rasdialer-check/rasdialer-check
rasreg=$build/tools/rasreg/rasreg
work=$(mktemp -d /var/lib/openras-e2e.XXXXXX)
chmod 0755 "$work"
at_exit "rm -rf '$work'"
test_user user checker
uid=$(id -u "$user")
mkdir -m 0755 "$work/dialers" "$work/root"
# Scratch roots go here (the exercise runs as nobody), so the test sees them removed.
mkdir -m 1777 "$work/tmp"
export TMPDIR=$work/tmp
for f in "$build"/dialers/*.so "$build"/zoo/*.so; do
  install -m 0644 "$f" "$work/dialers/"
done
# Every zoo member's constructor (and whoami's RasCustomDial) writes here; nobody can.
export OPENRAS_ZOO_MARKER=$work/marker
install -m 0666 /dev/null "$OPENRAS_ZOO_MARKER"
export OPENRAS_ROOT=$work/root
key='HKLM\System\CurrentControlSet\Services\Rasman\Parameters'
"$rasreg" add "$key" /v CustomDLL /t REG_MULTI_SZ /d "$(ls "$work"/dialers/*.so | tr '\n' '\0' | sed 's/\x00$//; s/\x00/\\0/g')" /f >/dev/null

# run EXPECTED-RC ARGS...: runs rasdialer-check; output in $out.
run() {
  local want=$1 rc=0
  shift
  out=$(timeout 120 "$check" "$@") || rc=$?
  [ "$rc" = "$want" ] || fail "rasdialer-check $*: exit $rc, expected $want:\n$out"
  [ "$want" = 2 ] && return
  case " $* " in
    *" --json "*)
      [[ "$out" == '{"dialer":'*']}' ]] || fail "not one JSON object: $out"
      jq -e '(.passed | type) == "boolean" and (.checks | length) > 0' <<<"$out" >/dev/null ||
        fail "the report does not parse with jq: $out" ;;
    *) expect_contains "$out" "rasdialer-check: " "the verdict line (rasdialer-check $*)" ;;
  esac
}
passes() {
  run 0 --timeout=3 "$work/dialers/$1.so"
  echo "$out" | head -20
}
fails() {  # fails DIALER CHECK-ID [PATH]
  run 1 --timeout=2 "${3:-$work/dialers/$1.so}"
  expect_contains "$out" "FAIL  $2" "$1 fails the $2 check"
  echo "$1: $(grep "FAIL  $2" <<<"$out")"
}
# Nothing the exercise started may outlive rasdialer-check: no dialer child, no rasmand,
# no scratch root.
nothing_left() {
  local left
  left=$(pgrep -af "$work" | grep -v pgrep || true)
  [ -z "$left" ] || fail "$1: processes left behind:\n$left"
  [ -z "$(ls -A "$work/tmp")" ] || fail "$1: scratch roots left behind: $(ls "$work/tmp")"
}

# As root the dialer runs as nobody, or as --user; never as root.
: >"$OPENRAS_ZOO_MARKER"
run 1 --timeout=2 "$work/dialers/whoami.so"
expect_contains "$(cat "$OPENRAS_ZOO_MARKER")" "whoami uid $(id -u nobody)" "whoami ran as nobody"
run 1 --timeout=2 --user="$user" "$work/dialers/whoami.so"
expect_contains "$out" "runs as $user (uid $uid" "--user is reported"
expect_contains "$(cat "$OPENRAS_ZOO_MARKER")" "whoami uid $uid" "whoami ran as --user"
if grep -v "whoami uid \($(id -u nobody)\|$uid\)$" "$OPENRAS_ZOO_MARKER" | grep -q uid; then
  fail "whoami ran as another uid: $(cat "$OPENRAS_ZOO_MARKER")"
fi
run 2 --user=root "$work/dialers/good.so"
# What a dialer prints stays out of the report: still one JSON object.
run 1 --json --timeout=2 "$work/dialers/whoami.so"

# The forwarding sample really connects through the scratch root's rasmand and test device.
passes passthrough
expect_contains "$out" "PASS  notify    8 state(s) reported through RASDIALFUNC1, ending in RASCS_Connected" \
  "passthrough: the built-in dial's states, to RASCS_Connected"
expect_contains "$out" "answers for the dialer's handle: RASCS_Connected" "passthrough: status"
expect_contains "$out" "PASS  delete" "passthrough: delete notification"
expect_contains "$out" "PASS  user      the exercise runs as nobody" "the exercise runs as nobody"
nothing_left passthrough
passes example
expect_contains "$out" "PASS  dialdlg" "example: its dial dialog obeys IDCANCEL"
expect_contains "$out" "dialog \"Example dialer: connect\" ended on IDCANCEL" \
  "example: the check saw the dialer's own dialog"
expect_contains "$out" "PASS  entrydlg" "example: its entry dialog obeys IDCANCEL"
run 0 --json "$work/dialers/example.so"
expect_contains "$out" '"passed":true' "--json"

# The dialog check: a dialog that ignores IDCANCEL is flagged (torn down after 1 s), and
# rasdialer-check neither hangs nor dies with it: the rest of the exercise still runs.
fails ignore_cancel dialdlg
expect_contains "$out" "dialog \"Deaf\" ignored IDCANCEL" "ignore_cancel: the reason"
err=$(timeout 60 "$check" --timeout=2 "$work/dialers/ignore_cancel.so" 2>&1 >/dev/null) || true
expect_contains "$err" "of module $work/dialers/ignore_cancel.so ignored IDCANCEL" \
  "ignore_cancel: the runtime's warning names the dialer by its path"
expect_contains "$out" "PASS  entrydlg" "ignore_cancel: its entry dialog is judged apart"
expect_contains "$out" "PASS  delete" "ignore_cancel: the exercise went on"
nothing_left ignore_cancel

# Dialers that crash, exit or hang: reported with the signal, status or time, after the
# checks made before, in text and JSON; the tool survives and exits 1.
fails crash_dial dial
expect_contains "$out" "died of signal 6 (Aborted) in RasDial with no notifier" "crash: the signal"
expect_contains "$out" "PASS  exports" "crash: the checks before it"
expect_contains "$out" "SKIP  delete" "crash: the rest not run"
run 1 --json --timeout=2 "$work/dialers/crash_dial.so"
expect_contains "$out" '{"id":"dial","result":"fail","detail":"the process died of signal 6' "crash in JSON"
expect_contains "$out" '{"id":"abi","result":"pass"' "crash in JSON: the checks before it"
fails crash_load load
expect_contains "$out" "died of signal 6 (Aborted) in dlopen (the library's constructors)" "crash on load"
expect_contains "$out" "SKIP  exercise" "crash on load: no exercise"
fails exit_dial dial
expect_contains "$out" "exited with status 3 in RasDial with no notifier" "exit(): the status"
fails hang_dial dial
expect_contains "$out" "did not return within 2 s and was killed" "hang: killed"
nothing_left hang_dial
fails hang_hangup hangup
nothing_left hang_hangup

# SIGTERM while a dialer hangs: the exercise stops, the report still comes (exit 1), and
# the scratch root and its rasmand are cleaned up.
: >"$OPENRAS_ZOO_MARKER"
"$check" --timeout=600 "$work/dialers/hang_dial.so" >"$work/interrupted.out" 2>&1 &
checker=$!
for _ in $(seq 300); do
  grep -q "hang_dial RasCustomDial" "$OPENRAS_ZOO_MARKER" && break
  sleep 0.1
done
grep -q "hang_dial RasCustomDial" "$OPENRAS_ZOO_MARKER" || fail "hang_dial was never dialled"
kill -TERM "$checker"
rc=0
timeout 30 tail --pid="$checker" -f /dev/null || fail "rasdialer-check did not end after SIGTERM"
wait "$checker" || rc=$?
[ "$rc" = 1 ] || fail "interrupted: exit $rc, expected 1: $(cat "$work/interrupted.out")"
expect_contains "$(cat "$work/interrupted.out")" "FAIL  dial      rasdialer-check was interrupted by signal 15 during RasDial" "interrupted: reported"
nothing_left interrupted

fails no_dial exports
fails no_dialdlg exports
fails no_hangup exports
fails no_entrydlg exports
fails no_deletenotify exports
fails ansi_names names
fails wrong_abi abi
fails no_mark abi
fails null_handle dial
fails throwing dial

# Libraries that fail a rule are reported and never loaded (their constructors never run).
: >"$OPENRAS_ZOO_MARKER"
install -m 0644 "$work/dialers/good.so" "$work/dialers/unlisted.so"
fails unlisted allowed
ln -s "$work/dialers/good.so" "$work/link.so"
fails symlink path "$work/link.so"
relative=$(realpath --relative-to=. "$work/dialers/good.so")
fails relative path "$relative"
install -m 0664 "$work/dialers/good.so" "$work/dialers/writable.so"
fails writable trust
install -m 0644 -o nobody "$work/dialers/good.so" "$work/dialers/foreign.so"
fails foreign_owner trust "$work/dialers/foreign.so"
expect_contains "$out" "SKIP  load      not loaded" "a refused library: load skipped"
[ ! -s "$OPENRAS_ZOO_MARKER" ] || fail "a refused library was loaded: $(cat "$OPENRAS_ZOO_MARKER")"
nothing_left refused
echo "rasdialer-check: both samples pass, the forwarding one connected; every zoo member fails with its reason; crashes, exits and hangs are survived; refused libraries are never loaded; the dialer runs as nobody or --user"
