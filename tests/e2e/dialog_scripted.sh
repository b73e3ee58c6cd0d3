#!/usr/bin/env bash
# The sample dialog (rasrc resources in an executable, hInstance NULL) under the scripted
# renderer: an answer script fills it in and the transcript records what it showed, the
# password by length only; SIGTERM of the hosting tool cancels the open dialog (IDCANCEL)
# through OpenRasCancelDialogs in its signal handler; with neither a terminal nor a script
# the program gets a clear error instead of a dialog.
. "$(dirname "$0")/../lib.sh"
sample=$OPENRAS_BUILD_DIR/src/dialog/dialog_sample
[ -x "$sample" ] || fail "no $sample (build the dialog_sample target)"
scratch_dir work

cat >"$work/answers" <<'S'
# the logon dialog
set 1001 alice
key Tab
type hunter2
check "&Save password"
choose 1004 VPN
press IDOK
S
out=$(setsid "$sample" --script "$work/answers" --transcript "$work/transcript" </dev/null)
expect_contains "$out" 'result 1 user "alice" save 1 title "Sample logon"' "scripted OK"
t=$(cat "$work/transcript")
expect_contains "$t" 'dialog "Sample logon — Ünïcode"' "transcript caption"
expect_contains "$t" 'combobox 1004 ["Modem (ttyS0)", "VPN"*]' "transcript combo"
expect_contains "$t" 'edit 1002 password (7 characters)' "transcript password"
expect_contains "$t" 'closed "Sample logon — Ünïcode" result 1' "transcript result"
if grep -q hunter2 "$work/transcript"; then fail "the transcript holds the password"; fi

# SIGTERM while the dialog waits: the host's cancel reaches the dialog as IDCANCEL.
printf 'wait 600000\n' >"$work/wait"
setsid "$sample" --script "$work/wait" --transcript "$work/wait.transcript" </dev/null \
  >"$work/term.out" 2>&1 &
pid=$!
deadline=$((SECONDS + 10))
until grep -q '^step 1: wait' "$work/wait.transcript" 2>/dev/null; do
  [ $SECONDS -lt $deadline ] || { kill -9 $pid; fail "the dialog never came up"; }
  sleep 0.05
done
kill -TERM $pid
deadline=$((SECONDS + 10))
while kill -0 $pid 2>/dev/null; do
  [ $SECONDS -lt $deadline ] || { kill -9 $pid; fail "SIGTERM did not end the dialog within 10 s"; }
  sleep 0.05
done
rc=0
wait $pid || rc=$?
[ $rc = 2 ] || fail "SIGTERM: exit $rc, want 2 (IDCANCEL): $(cat "$work/term.out")"
expect_contains "$(cat "$work/term.out")" "result 2" "SIGTERM"
expect_contains "$(cat "$work/wait.transcript")" "result 2" "SIGTERM transcript"

# No terminal (setsid: no controlling tty) and no script: a clear error, exit 3.
rc=0
err=$(setsid "$sample" </dev/null 2>&1 >/dev/null) || rc=$?
[ $rc = 3 ] || fail "no renderer: exit $rc, want 3"
expect_contains "$err" "run it in a terminal or pass --script" "no renderer"
echo "scripted renderer: answered, recorded (password hidden), SIGTERM → IDCANCEL, no renderer → error"
