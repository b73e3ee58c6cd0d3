#!/usr/bin/env bash
# A real non-root user and the phone books: they cannot change the all-users phone book
# (ERROR_ACCESS_DENIED, 5, and the file stays byte-for-byte the same), can read it, and
# keep their own entries in their own phone book (owned by them, mode 0600). Needs root
# to create the user; runs the client as that user with setpriv, in a private root.
. "$(dirname "$0")/../lib.sh"
require_root "creating a test user"
require_cmd pkg-config gcc cmake setpriv useradd sha256sum

test_user user pbk
uid=$(id -u "$user")
gid=$(id -g "$user")

scratch_dir work
prefix=$work/prefix
cmake --install "$OPENRAS_BUILD_DIR" --prefix "$prefix" >/dev/null
PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name openras.pc)")
export PKG_CONFIG_PATH
san=${OPENRAS_SANITIZER_FLAGS:-}
client=$work/pbk_client
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Werror $san "$OPENRAS_SOURCE_DIR/tests/e2e/phonebook/pbk_client.c" \
  -o "$client" $(pkg-config --cflags --libs openras)

root=$work/root
mkdir -m 0755 "$root" "$root/home"
install -d -m 0755 -o "$uid" -g "$gid" "$root/home/$user"
export OPENRAS_ROOT=$root
all_users=$root/etc/openras/pbk/rasphone.pbk

as_user() { setpriv --reuid="$uid" --regid="$gid" --clear-groups -- "$@"; }
rc_of() { sed -n 's/^rc=//p' <<<"$1"; }
# refused COMMAND...: runs the client as the user; it must report a failure the way the
# client does (exit 1 with "rc=N", N not 0), not crash. Output in $out.
refused() {
  local rc=0
  out=$(as_user "$client" "$@") || rc=$?
  [ "$rc" -eq 1 ] && [ -n "$(rc_of "$out")" ] && [ "$(rc_of "$out")" != 0 ] \
    || fail "as $user, '$*' exited $rc (expected 1, a refusal): $out"
}

# root (the root's owner: an administrator here) creates a shared entry.
out=$("$client" set "$all_users" "Shared VPN" vpn.example /usr/lib/openras/dialers/shared.so) \
  || fail "root could not create the all-users entry: $out"
[ "$(stat -c '%U %a' "$all_users")" = "root 644" ] || fail "all-users phone book is $(stat -c '%U %a' "$all_users")"
before=$(sha256sum <"$all_users")

# The user cannot change it: through its path, or through NULL (where the entry lives).
for command in "set $all_users|Shared VPN|666" "set -|Shared VPN|666" "set $all_users|New shared|1" \
               "delete $all_users|Shared VPN" "delete -|Shared VPN" "rename -|Shared VPN|Mine now"; do
  IFS='|' read -r -a args <<<"$command"
  # shellcheck disable=SC2086
  refused ${args[0]} "${args[@]:1}"
  [ "$(rc_of "$out")" = 5 ] || fail "as $user, '$command' returned $(rc_of "$out"), not 5 (ERROR_ACCESS_DENIED): $out"
done
[ "$(sha256sum <"$all_users")" = "$before" ] || fail "the all-users phone book changed"
echo "$user: every change of the all-users phone book -> 5 (ERROR_ACCESS_DENIED); file unchanged"

# ... but can read it, and has a phone book of their own.
out=$(as_user "$client" get - "Shared VPN") || fail "$user cannot read the shared entry: $out"
expect_contains "$out" "vpn.example /usr/lib/openras/dialers/shared.so" "shared entry read by $user"
out=$(as_user "$client" set - "My ISP" 5550100) || fail "$user cannot create an entry of their own: $out"
own=$root/home/$user/.config/openras/pbk/rasphone.pbk
[ "$(stat -c '%U %a' "$own")" = "$user 600" ] || fail "$own is $(stat -c '%U %a' "$own")"
out=$(as_user "$client" list -) || fail "$user cannot list: $out"
expect_contains "$out" "My ISP|0|$own" "user entry listed with REN_User"
expect_contains "$out" "Shared VPN|1|$all_users" "all-users entry listed with REN_AllUsers"
out=$(as_user "$client" rename - "My ISP" "My ISP 2") || fail "$user cannot rename their entry: $out"
out=$(as_user "$client" delete - "My ISP 2") || fail "$user cannot delete their entry: $out"
# Another user's phone book is not theirs either: root's own per-user entries are safe.
out=$("$client" set - "Root only" 1) || fail "root's own entry: $out"
refused set "$root/home/root/.config/openras/pbk/rasphone.pbk" "Root only" 2
echo "$user: reads the shared entry, owns $own (0600), cannot touch root's"
