#!/usr/bin/env bash
# Per-user saved passwords in the session keyring (issue 15 §9), against a real
# gnome-keyring-daemon on a private session bus (dbus-run-session), unlocked as a login
# does it, its keyrings under this test's scratch HOME:
# - RasSetEntryDialParams puts the password in the keyring and not in the owner-only file
#   (which says Keyring=Password); libsecret's secret-tool finds it by our schema; a dial
#   with the saved password's handle authenticates with it at a far end that accepts only
#   that password;
# - with no session bus, that password reads as not saved (the dial fails 691, the
#   password is never asked for), a password saved then goes to the file as before, and
#   an update that does not touch the password (the domain) leaves it in the keyring;
# - back in a session, the password is there again; forgetting it removes it from the
#   keyring.
. "$(dirname "$0")/../lib.sh"
require_root "the HKLM hive must sit in a root-owned directory; the link drops to nobody"
require_cmd gnome-keyring-daemon dbus-run-session secret-tool busctl cc timeout
. "$(dirname "$0")/dial_lib.sh"

mkdir -m 0700 "$work/home"
# shellcheck disable=SC2086
cc -std=c99 -Wall -Werror ${OPENRAS_SANITIZER_FLAGS:-} -I"$OPENRAS_SOURCE_DIR/include" \
  "$OPENRAS_SOURCE_DIR/tests/e2e/keyring_client.c" -o "$bin/keyring_client" \
  "$work/lib/libopenras.so.1" || fail "cannot build keyring_client"
dev Test0 Type REG_SZ test
pbk=$work/keyring.pbk
printf '[%s]\nEncoding=1\nType=1\n\nMEDIA=serial\nDevice=Test0\n\nDEVICE=test\nPhoneNumber=%s\n\n' \
  Keyed auth:alice:s3cret-k Filed auth:bob:s3cret-f >"$pbk"
start_rasmand
C() { timeout 60 "$bin/keyring_client" "$@"; }
cred_files() { find "$work/root" -name '*.cred'; }

# in_session SCRIPT: runs bash SCRIPT on a private session bus whose gnome-keyring-daemon
# is unlocked with a password, as a login does; the daemon is stopped after.
in_session() {
  HOME=$work/home XDG_RUNTIME_DIR=$work/home XDG_DATA_HOME=$work/home/data \
    timeout 120 dbus-run-session -- bash -c '
      printf keyring-pass | gnome-keyring-daemon --foreground --unlock --components=secrets \
        >/dev/null 2>&1 &
      daemon=$!
      for _ in $(seq 200); do
        busctl --user status org.freedesktop.secrets >/dev/null 2>&1 && break
        sleep 0.05
      done
      rc=0
      bash -c "$1" || rc=$?
      kill "$daemon"; wait "$daemon" 2>/dev/null
      exit $rc' in_session "$1"
}
export -f C
export bin pbk

# --- In a session: the keyring keeps the password, and a dial uses it.
out=$(in_session '
  C save "$pbk" Keyed alice s3cret-k || exit 1
  C saved "$pbk" Keyed
  echo "lookup: $(secret-tool lookup xdg:schema org.openras.Credentials entry Keyed field Password)"
  C dial "$pbk" Keyed') || fail "in the session: $out"
expect_contains "$out" "saved alice " "the password is saved"
expect_contains "$out" "lookup: s3cret-k" "secret-tool (libsecret) finds it by our schema"
expect_contains "$out" "connected" "the dial authenticated with the keyring's password"
file=$(cred_files)
[ -n "$file" ] || fail "no credentials file"
grep -q 's3cret' "$file" && fail "the password is in the file too: $(cat "$file")"
grep -qx 'Keyring=Password' "$file" || fail "the file does not say where the password is: $(cat "$file")"
grep -qx 'UserName=alice' "$file" || fail "the user name stays in the file: $(cat "$file")"

# --- No session bus: not saved, as far as this process can tell; the file as before.
unset DBUS_SESSION_BUS_ADDRESS
export XDG_RUNTIME_DIR=$work/no-runtime
out=$(C saved "$pbk" Keyed) || fail "saved without a keyring: $out"
[ "$out" = "not saved alice " ] || fail "without a keyring the password reads as not saved: $out"
out=$(C dial "$pbk" Keyed) && fail "dialled without the password: $out"
[ "$out" = "error 691" ] || fail "without the keyring's password the far end refuses: $out"
C save "$pbk" Filed bob s3cret-f >/dev/null || fail "saving without a keyring"
grep -qx 'Password=s3cret-f' "$file" || fail "without a keyring the password goes to the file: $(cat "$file")"
out=$(C dial "$pbk" Filed) || fail "dial with the file's password: $out"
C domain "$pbk" Keyed CORP >/dev/null || fail "changing the domain without a keyring"
grep -qx 'Keyring=Password' "$file" || fail "an update without a keyring dropped the keyring's password: $(cat "$file")"

# --- Back in a session: the password is there; forgetting removes it from the keyring.
out=$(in_session '
  C saved "$pbk" Keyed
  C forget "$pbk" Keyed || exit 1
  echo "after forget: [$(secret-tool lookup xdg:schema org.openras.Credentials entry Keyed field Password)]"
  C saved "$pbk" Keyed') || fail "the second session: $out"
expect_contains "$out" "saved alice CORP" "the keyring's password outlived the update without it"
expect_contains "$out" "after forget: []" "forget removes it from the keyring"
expect_contains "$out" "not saved alice CORP" "and it is no longer saved"
grep -q '^Keyring=' "$file" && fail "forgotten, yet the file names the keyring: $(cat "$file")"
stop_rasmand
echo "saved passwords: in the session keyring when there is one, in the owner-only file otherwise"
