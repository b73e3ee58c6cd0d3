#!/usr/bin/env bash
# Issue 14's acceptance, through real PAM: pamtester under pam_wrapper, for a real user
# made with useradd, with pam_openras.so in a test stack.
#   - `prompt` offers the all-users entries (not the user's own); choosing a test-device
#     entry asks for its credentials and dials it the built-in way; `entry=` dials the
#     example dialer's entry as root with RCD_Logon; both connections are root's and
#     outlive the PAM transaction (the dialer's own dialog at logon: logon_dialog.sh);
#   - an empty or "no" answer skips: PAM goes on (success) and nothing is dialed;
#   - `entry=NAME hangup_on_close`: dialed without asking, hung up when the session closes;
#   - a failed dial fails a `required` line (the stack goes on), a `requisite` one at once
#     (the stack stops), and not an `optional` one;
#   - LogonDial is for administrators only: the user's own call is refused;
#   - a dialer that never returns is killed at the time-out (error 638), and a dial still
#     pending when rasmand stops ends the PAM call at once, rasmand exiting cleanly.
. "$(dirname "$0")/../lib.sh"
require_root "dialers must sit in root-owned directories; pamtester runs as root, as login does"
. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/logon_lib.sh"
start_logon_rasmand

pam_service choose "auth required $pam_module prompt debug root=$work/root" \
  "auth required pam_permit.so"

# 1. The prompt lists the all-users phone book's entries only; "2" picks Plain, a
# test-device entry, which asks for its credentials (PreviewUserPw, Windows' default) as
# RasDialDlg would, and dials the built-in way, as root.
run_pam choose $'2\nalice\nsecret' authenticate
out=$(cat "$work/pam.out")
[ "$pam_rc" -eq 0 ] || fail "choosing Plain: pamtester exited $pam_rc: $out"
expect_contains "$out" "1) Office" "the prompt offers the all-users entry Office"
expect_contains "$out" "2) Plain" "the prompt offers the all-users entry Plain"
case "$out" in *Private*) fail "the user's own entry Private was offered at logon: $out" ;; esac
expect_contains "$out" "User name:" "the built-in entry asks for its user name"
expect_contains "$out" "Password:" "the built-in entry asks for its password"
expect_contains "$out" "Connected to Plain." "the module says it connected"
expect_contains "$out" "successfully authenticated" "PAM succeeds after the dial"
# pamtester has exited: the PAM transaction is over, and the connection is still up.
read -r plain_handle owner type <<<"$(connection_of Plain)"
[ -n "${plain_handle:-}" ] || fail "Plain is not connected after the PAM transaction: $(list_json)"
[ "$owner" -eq 0 ] && [ "$type" = modem ] || fail "Plain: owner $owner, device type $type"

# The credentials typed reach the far end: Secured accepts only alice:secret.
run_pam choose $'Secured\nalice\nwrong' authenticate
[ "$pam_rc" -ne 0 ] || fail "a wrong password at the prompt connected Secured: $(cat "$work/pam.out")"
expect_contains "$(cat "$work/pam.out")" "Dialing Secured failed (error 691)" "the far end refused"
run_pam choose $'Secured\nalice\nsecret' authenticate
[ "$pam_rc" -eq 0 ] || fail "the right password did not connect Secured: $(cat "$work/pam.out")"
read -r secured_handle owner type <<<"$(connection_of Secured)"
[ -n "${secured_handle:-}" ] || fail "Secured is not connected: $(list_json)"
rasman_call HangUp t "$secured_handle" >/dev/null
# Saved credentials (StoreCredentials, as an administrator saves them): entry= dials with
# them; the prompt shows the saved user name, and Enter keeps both.
rasman_call StoreCredentials sssss "$work/root/etc/openras/pbk/rasphone.pbk" Saved bob pw2 "" >/dev/null
pam_service saved "auth required $pam_module entry=Saved root=$work/root" "auth required pam_permit.so"
run_pam saved "" authenticate
[ "$pam_rc" -eq 0 ] || fail "entry=Saved did not dial with the saved credentials: $(cat "$work/pam.out")"
read -r saved_handle owner type <<<"$(connection_of Saved)"
[ -n "${saved_handle:-}" ] || fail "Saved is not connected: $(list_json)"
rasman_call HangUp t "$saved_handle" >/dev/null
saved_gone() { [ -z "$(connection_of Saved)" ]; }
wait_for "Saved to be hung up" 20 saved_gone
run_pam choose $'Saved\n\n' authenticate
[ "$pam_rc" -eq 0 ] || fail "Enter at the prompt did not keep the saved credentials: $(cat "$work/pam.out")"
expect_contains "$(cat "$work/pam.out")" "User name: [bob]" "the prompt shows the saved user name"
expect_contains "$(cat "$work/pam.out")" "Password: (Enter: the saved one)" "and offers the saved password"
case "$(cat "$work/pam.out")" in *pw2*) fail "the saved password was shown: $(cat "$work/pam.out")" ;; esac
read -r saved_handle owner type <<<"$(connection_of Saved)"
[ -n "${saved_handle:-}" ] || fail "Saved is not connected after the prompt: $(list_json)"
rasman_call HangUp t "$saved_handle" >/dev/null

# 2. entry=Office dials the example dialer's entry without asking: RasCustomDial with
# RCD_Logon | RCD_AllUsers (4 | 1), as root. (The entry's dialog at logon, through the
# conversation: e2e.logon_dialog.)
pam_service office "auth required $pam_module entry=Office root=$work/root" \
  "auth required pam_permit.so"
run_pam office "" authenticate
[ "$pam_rc" -eq 0 ] || fail "entry=Office: pamtester exited $pam_rc: $(cat "$work/pam.out")"
read -r office_handle owner type <<<"$(connection_of Office)"
[ -n "${office_handle:-}" ] || fail "Office is not connected after the PAM transaction: $(list_json)"
[ "$owner" -eq 0 ] || fail "Office's connection is owned by uid $owner, not root"
expect_contains "$(example_log)" "RasCustomDial entry=Office" "the example dialer logged its dial"
expect_contains "$(example_log)" "flags=5" "the example dialer saw RCD_Logon | RCD_AllUsers"
expect_contains "$(cat "$work/rasmand.log")" "with flags 0x5 (RCD_Logon | RCD_AllUsers) returned 0" \
  "rasmand's log records the logon call"

# 3. Enter, or "no", skips: PAM continues (pam_permit decides) and nothing is dialed.
for answer in "" no; do
  before=$(connection_count)
  run_pam choose "$answer" authenticate
  [ "$pam_rc" -eq 0 ] || fail "answering \"$answer\": PAM failed ($pam_rc): $(cat "$work/pam.out")"
  case "$(cat "$work/pam.out")" in *Dialing*) fail "answering \"$answer\" dialed" ;; esac
  after=$(connection_count)
  [ "$before" -eq "$after" ] || fail "answering \"$answer\": $before connections became $after"
done

# The logon connections end when hung up (as root), and their hosts with them.
rasman_call HangUp t "$office_handle" >/dev/null
rasman_call HangUp t "$plain_handle" >/dev/null
no_hosts() { ! hosts_running; }
no_runtime_dirs() { [ -z "$(ls -A "$work/root/run/openras/logon")" ]; }
wait_for "the logon hosts to exit after their hang-ups" 20 no_hosts
wait_for "the hosts' runtime directories to go" 10 no_runtime_dirs

# 4. entry=NAME dials without asking; hangup_on_close ends it when the session closes.
pam_service direct "auth required $pam_module entry=Office timeout=30 root=$work/root" \
  "auth required pam_permit.so" "account required pam_permit.so" \
  "session required $pam_module hangup_on_close root=$work/root" "session required pam_permit.so"
run_pam direct "" authenticate open_session close_session
[ "$pam_rc" -eq 0 ] || fail "entry=Office with a session: pamtester exited $pam_rc: $(cat "$work/pam.out")"
case "$(cat "$work/pam.out")" in *"1) Office"*) fail "entry=Office asked anyway" ;; esac
expect_contains "$(cat "$work/pam.out")" "Connected to Office." "entry=Office dials"
office_gone() { [ -z "$(connection_of Office)" ]; }
wait_for "close_session to hang Office up" 20 office_gone

# 5. A dial that fails: `required` fails the login (after the rest of the stack ran),
# `requisite` at once (the modules after it do not run), `optional` not at all.
# pam_echo after the module says, through the conversation, whether the stack went on.
pam_service busy_required "auth required $pam_module entry=Busy root=$work/root" \
  "auth required pam_echo.so the-stack-went-on" "auth required pam_permit.so"
pam_service busy_requisite "auth requisite $pam_module entry=Busy root=$work/root" \
  "auth required pam_echo.so the-stack-went-on" "auth required pam_permit.so"
pam_service busy_optional "auth optional $pam_module entry=Busy root=$work/root" \
  "auth required pam_echo.so the-stack-went-on" "auth required pam_permit.so"
run_pam busy_required "" authenticate
[ "$pam_rc" -ne 0 ] || fail "a failed dial on a required line let the login through"
expect_contains "$(cat "$work/pam.out")" "Dialing Busy failed" "the module says the dial failed"
expect_contains "$(cat "$work/pam.out")" "the-stack-went-on" "required: the rest of the stack ran"
run_pam busy_requisite "" authenticate
[ "$pam_rc" -ne 0 ] || fail "a failed dial on a requisite line let the login through"
expect_contains "$(cat "$work/pam.out")" "Dialing Busy failed" "requisite: the module says the dial failed"
case "$(cat "$work/pam.out")" in *the-stack-went-on*) fail "requisite: the modules after a failed dial ran" ;; esac
run_pam busy_optional "" authenticate
[ "$pam_rc" -eq 0 ] || fail "a failed dial on an optional line failed the login: $(cat "$work/pam.out")"
expect_contains "$(cat "$work/pam.out")" "the-stack-went-on" "optional: the rest of the stack ran"
[ -z "$(connection_of Busy)" ] || fail "the failed dial left a connection: $(list_json)"

# 6. Only an administrator may dial at logon.
rc=0
out=$(setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups busctl \
  --address="unix:path=$sock" call org.openras.RasMan1 /org/openras/RasMan1 \
  org.openras.RasMan1 LogonDial su Office 10 2>&1) || rc=$?
[ "$rc" -ne 0 ] || fail "a user's LogonDial was served: $out"
expect_contains "$out" "only root dials at logon" "the refusal says why"

# 7. A dialer that never returns: killed at the time-out, the login told 638.
pam_service hang "auth required $pam_module entry=Hang timeout=2 root=$work/root" \
  "auth required pam_permit.so"
run_pam hang "" authenticate
[ "$pam_rc" -ne 0 ] || fail "a dial that timed out let a required line pass"
expect_contains "$(cat "$work/pam.out")" "Dialing Hang failed (error 638)" "the time-out's error"
expect_contains "$(cat "$work/rasmand.log")" 'entry "Hang"): no result within the time-out; killed' \
  "rasmand's log names the time-out"
wait_for "the hung logon host to be gone" 10 no_hosts

# 8. rasmand stopping while a logon dial is pending: the PAM call ends at once.
pam_service hang_long "auth required $pam_module entry=Hang timeout=120 root=$work/root" \
  "auth required pam_permit.so"
run_pam hang_long "" authenticate &
pam_job=$!
wait_for "a logon host for Hang" 20 hosts_running
stop_rasmand
wait_for "pamtester to end once rasmand stopped" 20 bash -c "! kill -0 $pam_job 2>/dev/null"
wait "$pam_job" || true
case "$(cat "$work/pam.out")" in *"successfully authenticated"*) fail "a dial cut short by rasmand's end authenticated" ;; esac
no_hosts || fail "a logon host outlived rasmand"
