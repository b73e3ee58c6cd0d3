#!/usr/bin/env bash
# The entry's own dialog at logon, through real PAM (pamtester under pam_wrapper): with
# `prompt`, choosing an entry whose dialer shows a dialog (tests/dialers/logon_dialog.c:
# a status line, user name, password, a check box, Dial and Cancel, from a .rc) runs its
# RasCustomDialDlg with RCD_Logon in the logon host, and the dialog is put to the person
# at the login as conversation questions, relayed by rasmand:
#   - the caption and status line are told, each field asked (the password without echo,
#     Enter keeping the user name's "guest"), the buttons offered; what was typed reaches
#     the dialer, which dials (the built-in way, or through RAS and its own RasCustomDial);
#     the connection is root's and outlives the PAM transaction;
#   - Cancel: RasCustomDialDlg returns FALSE, nothing is dialed, PAM goes on (PAM_IGNORE);
#   - the conversation ending (no more answers) cancels the dialog with IDCANCEL;
#   - the logon time-out cancels it with IDCANCEL while a question waits for an answer,
#     which no other client (root's or a user's) may answer meanwhile.
. "$(dirname "$0")/../lib.sh"
require_root "dialers must sit in root-owned directories; pamtester runs as root, as login does"
. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/logon_lib.sh"
start_logon_rasmand

pam_service choose "auth required $pam_module prompt root=$work/root" \
  "auth required pam_echo.so the-stack-went-on" "auth required pam_permit.so"
no_hosts() { ! hosts_running; }

# 1. Dialog chosen by name; the user name kept (Enter), a password, the box ticked, and
# Enter for the default button (Dial).
run_pam choose $'Dialog\n\nsecret\ny\n' authenticate
out=$(cat "$work/pam.out")
[ "$pam_rc" -eq 0 ] || fail "the Dialog entry at logon: pamtester exited $pam_rc: $out"
expect_contains "$out" "Connect at logon" "the dialog's caption is told"
expect_contains "$out" "Dial-up connection Dialog" "the status line the dialer set is told"
expect_contains "$out" "User name: [guest]" "the user name is asked, showing what it holds"
expect_contains "$out" "Password:" "the password is asked"
expect_contains "$out" "Save password [y/N]" "the check box is asked"
expect_contains "$out" "Choose: 1) Dial 2) Cancel (Enter: Dial)" "the buttons are offered"
case "$out" in *secret*) fail "the password was echoed: $out" ;; esac
expect_contains "$out" "Connected to Dialog." "the module says it connected"
read -r handle owner type <<<"$(connection_of Dialog)"
[ -n "${handle:-}" ] || fail "Dialog is not connected after the PAM transaction: $(list_json)"
[ "$owner" -eq 0 ] && [ "$type" = modem ] || fail "Dialog: owner $owner, device type $type"
log=$(cat "$work/rasmand.log")
expect_contains "$log" "logon_dialog: RasCustomDialDlg flags=0x5 logon=yes" \
  "the dialer's RasCustomDialDlg saw RCD_Logon | RCD_AllUsers"
expect_contains "$log" "logon_dialog: user=guest password=6 characters save=yes" \
  "what was typed reached the dialer's dialog"
expect_contains "$log" "logon_dialog: RasDial returned 0" "the dialer dialed from its dialog"
case "$log" in *secret*) fail "the password reached rasmand's log" ;; esac
# The connection outlives the transaction, held by its host, until it is hung up.
hosts_running || fail "no logon host holds Dialog's connection"
rasman_call HangUp t "$handle" >/dev/null
wait_for "Dialog's logon host to exit after the hang-up" 20 no_hosts

# The same dialog dialing through RAS (its RasCustomDial called back, the connection
# registered as a custom one): held by the host, listed once, root's, hung up through
# the dialer.
run_pam choose $'DialogCustom\n\npw\n\n1' authenticate
[ "$pam_rc" -eq 0 ] || fail "DialogCustom at logon: pamtester exited $pam_rc: $(cat "$work/pam.out")"
expect_contains "$(cat "$work/pam.out")" "Connected to DialogCustom." "DialogCustom connects"
[ "$(connection_of DialogCustom | wc -l)" -eq 1 ] || fail "DialogCustom is not listed once: $(list_json)"
read -r handle owner type <<<"$(connection_of DialogCustom)"
[ "$owner" -eq 0 ] || fail "DialogCustom: owner $owner"
expect_contains "$(cat "$work/rasmand.log")" "logon_dialog: RasDial through RAS returned 0" \
  "the dialog dialed through RAS"
# RAS calls the dialer's RasCustomDial back at logon too: RCD_Logon | RCD_AllUsers (the
# logon host marks its process before loading the dialer: dialer::mark_logon_process).
expect_contains "$(cat "$work/rasmand.log")" "logon_dialog: RasCustomDial flags=0x5" \
  "RAS called the dialer's RasCustomDial back with RCD_Logon"
rasman_call HangUp t "$handle" >/dev/null
wait_for "DialogCustom's logon host to exit after the hang-up" 20 no_hosts
[ -z "$(connection_of DialogCustom)" ] || fail "DialogCustom outlived its hang-up: $(list_json)"

# 2. Cancel (the second button): no dial; the login goes on (PAM_IGNORE).
run_pam choose $'Dialog\n\n\nn\n2' authenticate
out=$(cat "$work/pam.out")
[ "$pam_rc" -eq 0 ] || fail "cancelling the dialog failed the login ($pam_rc): $out"
expect_contains "$out" "Not dialing Dialog." "the module says it does not dial"
expect_contains "$out" "the-stack-went-on" "the stack goes on after a cancel"
[ -z "$(connection_of Dialog)" ] || fail "a cancelled dialog dialed: $(list_json)"
expect_contains "$(cat "$work/rasmand.log")" "logon_dialog: cancelled" "the dialer saw the cancel"
wait_for "the cancelled dialog's host to exit" 20 no_hosts

# 3. The conversation ends (pamtester's input runs out at the first field): the dialog
# gets IDCANCEL, nothing is dialed.
before=$(grep -c "logon_dialog: IDCANCEL" "$work/rasmand.log" || true)
run_pam choose Dialog authenticate
[ "$pam_rc" -eq 0 ] || fail "an ended conversation failed the login ($pam_rc): $(cat "$work/pam.out")"
[ -z "$(connection_of Dialog)" ] || fail "a dialog whose conversation ended dialed: $(list_json)"
after=$(grep -c "logon_dialog: IDCANCEL" "$work/rasmand.log" || true)
[ "$after" -gt "$before" ] || fail "the dialog did not get IDCANCEL when the conversation ended"
wait_for "that host to exit" 20 no_hosts

# 4. Nobody answers: the logon time-out (6 s) cancels the dialog with IDCANCEL before
# rasmand's own time-out kills the host. The answer that comes too late is refused.
pam_service slow "auth required $pam_module prompt timeout=6 root=$work/root" \
  "auth required pam_permit.so"
before=$(grep -c "logon_dialog: IDCANCEL" "$work/rasmand.log" || true)
rm -f "$work/pam.out"
{ echo Dialog; sleep 12; echo late; } | timeout 60 env LD_PRELOAD="$(pam_preload)" \
  ASAN_OPTIONS=detect_leaks=0 PAM_WRAPPER=1 PAM_WRAPPER_SERVICE_DIR="$work/pam.d" \
  pamtester -v slow "$user" authenticate >"$work/pam.out" 2>&1 &
slow_pam=$!
# While the user name waits for its answer (question 2: the first after the caption),
# another client — even root's — may not answer it, nor may a user.
asking() { grep -q "User name: \[guest\]" "$work/pam.out" 2>/dev/null; }
wait_for "the dialog's first question" 20 asking
dial=$(grep -o 'logon dial [0-9]*, with its dialog' "$work/rasmand.log" | tail -1 | tr -dc 0-9)
[ -n "$dial" ] || fail "rasmand's log does not name the logon dial"
rc=0
out=$(rasman_call LogonAnswer tus "$dial" 2 intruder 2>&1) || rc=$?
[ "$rc" -ne 0 ] || fail "another client answered the dialog's question"
expect_contains "$out" "was started by another client" "the refusal names the reason"
rc=0
out=$(setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups busctl \
  --address="unix:path=$sock" call org.openras.RasMan1 /org/openras/RasMan1 \
  org.openras.RasMan1 LogonAnswer tus "$dial" 2 intruder 2>&1) || rc=$?
[ "$rc" -ne 0 ] || fail "a user answered the dialog's question: $out"
expect_contains "$out" "only root answers" "a user's answer is refused"
wait "$slow_pam" || true
after=$(grep -c "logon_dialog: IDCANCEL" "$work/rasmand.log" || true)
[ "$after" -gt "$before" ] || fail "the logon time-out did not send the dialog IDCANCEL: $(tail -20 "$work/rasmand.log")"
expect_contains "$(cat "$work/pam.out")" "Not dialing Dialog." "a timed-out dialog is a cancel"
case "$(cat "$work/rasmand.log")" in *'entry "Dialog"): no result within the time-out'*)
  fail "the host was killed instead of its dialog being cancelled" ;; esac
[ -z "$(connection_of Dialog)" ] || fail "a timed-out dialog dialed: $(list_json)"
