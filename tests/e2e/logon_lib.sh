# logon_lib.sh: the set-up shared by the tests of dialing at logon (sourced after ../lib.sh
# and dial_lib.sh, as root). Gives: the logon host and its guard beside rasmand in $bin;
# the example, hostile and logon_dialog dialers in $work/dialers, allowed; test devices
# Test0..Test7; an all-users phone book with Office (example dialer), Plain (test device),
# Busy (a test device that answers busy), Hostile (the hostile dialer), Hang (a dialer whose
# RasCustomDial never returns), Dialog and DialogCustom (a dialer whose RasCustomDialDlg
# shows a dialog, tests/dialers/logon_dialog.c; the second dials through RAS), Secured and
# Saved (test devices whose far ends accept only alice:secret and bob:pw2); a real user
# $user (useradd)
# whose own phone book holds Private; pam_service NAME LINE... writing a PAM service for
# pam_wrapper; run_pam SERVICE INPUT OPERATION... running pamtester for $user under
# pam_wrapper (output in $work/pam.out, status in $pam_rc); list_json, rasmand's
# ListConnections as root.
require_cmd pamtester busctl setpriv python3 pgrep gcc
pam_wrapper=$(pkg-config --variable=libdir pam_wrapper 2>/dev/null || true)/libpam_wrapper.so
[ -f "$pam_wrapper" ] || pam_wrapper=/usr/lib/x86_64-linux-gnu/libpam_wrapper.so
[ -f "$pam_wrapper" ] || skip "needs pam_wrapper (Debian: libpam-wrapper)"
pam_module=$build/pam/pam_openras.so
install -m 0755 "$build/tools/openras-logon-host/openras-logon-host" \
  "$build/tools/openras-logon-host/libopenras-logon-guard.so" "$bin/"
mkdir -m 0755 "$work/dialers" "$work/pam.d"
install -m 0644 "$build/dialers/example.so" "$build/zoo/hostile_logon.so" \
  "$build/zoo/hang_dial.so" "$build/zoo/logon_dialog.so" "$work/dialers/"
"$bin/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL \
  /t REG_MULTI_SZ \
  /d "$work/dialers/example.so\\0$work/dialers/hostile_logon.so\\0$work/dialers/hang_dial.so\\0$work/dialers/logon_dialog.so" \
  /f >/dev/null
for d in 0 1 2 3 4 5 6 7; do dev "Test$d" Type REG_SZ test; done
mkdir -p "$work/root/etc/openras/pbk"
{
  entry Office Test0 5550100 "$work/dialers/example.so"
  entry Plain Test1 5550101
  entry Busy Test2 busy
  entry Hostile Test3 5550103 "$work/dialers/hostile_logon.so"
  entry Hang Test0 5550104 "$work/dialers/hang_dial.so"
  entry Dialog Test4 5550105 "$work/dialers/logon_dialog.so"
  entry DialogCustom Test5 5550106 "$work/dialers/logon_dialog.so"
  entry Secured Test6 auth:alice:secret
  entry Saved Test7 auth:bob:pw2
} >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
test_user user logon
# The user's own phone book: never offered at logon.
mkdir -p "$work/root/home/$user/.config/openras/pbk"
entry Private Test0 5550199 >"$work/root/home/$user/.config/openras/pbk/rasphone.pbk"
chown -R "$user" "$work/root/home/$user"

# pam_service NAME LINE...: the PAM configuration pam_wrapper gives service NAME.
pam_service() {
  local name=$1
  shift
  printf '%s\n' "$@" >"$work/pam.d/$name"
}
# run_pam SERVICE INPUT OPERATION...: pamtester as root for $user, INPUT on its terminal
# side (the conversation's answers), held open $pam_hold seconds after it (a person who
# has not answered yet); never fails the script itself.
# pam_preload: what pamtester needs in LD_PRELOAD. A sanitizer build's module needs the
# sanitizer runtimes loaded first; pamtester and libpam are not ours, so leaks are not
# checked in that process (ASAN_OPTIONS=detect_leaks=0).
pam_preload() {
  case "${OPENRAS_SANITIZER_FLAGS:-}" in
    *address*) echo "$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so) $pam_wrapper" ;;
    *) echo "$pam_wrapper" ;;
  esac
}
run_pam() {
  local service=$1 input=$2 preload
  shift 2
  preload=$(pam_preload)
  pam_rc=0
  { printf '%s\n' "$input"; sleep "${pam_hold:-0}"; } | timeout 60 env LD_PRELOAD="$preload" ASAN_OPTIONS=detect_leaks=0 \
    PAM_WRAPPER=1 PAM_WRAPPER_SERVICE_DIR="$work/pam.d" \
    pamtester -v "$service" "$user" "$@" >"$work/pam.out" 2>&1 || pam_rc=$?
}
rasman_call() {  # rasman_call METHOD SIGNATURE ARGS...: busctl on rasmand's socket, as root
  busctl --address="unix:path=$sock" call org.openras.RasMan1 /org/openras/RasMan1 \
    org.openras.RasMan1 "$@"
}
# list_json: ListConnections as JSON (owner uid, entry, device type of each connection).
list_json() { busctl --json=short --address="unix:path=$sock" call org.openras.RasMan1 \
  /org/openras/RasMan1 org.openras.RasMan1 ListConnections; }
# connection_of ENTRY: "handle owner_uid device_type" of ENTRY's connection, or nothing.
# (python, not jq: handles are 64-bit and must survive as integers.)
connection_of() {
  list_json | python3 -c 'import json, sys
for c in json.load(sys.stdin)["data"][0]:
    if c[8] == sys.argv[1]: print(c[0], c[1], c[9])' "$1"
}
connection_count() {
  list_json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["data"][0]))'
}
# rasmand's environment is what a logon host passes on (its OPENRAS_* settings): the
# example dialer logs each call to a file named relative to the host's working directory,
# its runtime directory, the one place it may write.
start_logon_rasmand() { OPENRAS_EXAMPLE_LOG=example.log start_rasmand; }
# example_log: what the example dialer logged in the logon hosts running now.
example_log() { cat "$work"/root/run/openras/logon/host-*/example.log 2>/dev/null || true; }
hosts_running() { pgrep -f "^$bin/openras-logon-host " >/dev/null; }
