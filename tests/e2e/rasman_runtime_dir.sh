#!/usr/bin/env bash
# Root's rasmand never creates its socket where another user could swap it (issue 16,
# item 5; docs/security.md). A real user who owns run/openras races rasmand's start,
# replacing the socket with a link to a root-only file: rasmand refuses the directory,
# naming it and its owner, and the file keeps its mode. A world-writable run/openras and
# a symlinked run are refused too. The socket is 0666 whatever the umask.
. "$(dirname "$0")/../lib.sh"
require_root "creates a user and runs rasmand as root"
. "$(dirname "$0")/rasman_lib.sh"
. "$(dirname "$0")/rasman_guard_lib.sh"

guard_user owner
user=${guard_users[-1]}
dir=$root/run/openras
mkdir -p "$dir"
chown "$user" "$dir"
target=$work/root-only
echo secret >"$target"
chmod 0600 "$target"

# The user's race: put a link to the root-only file where rasmand's socket goes, again and
# again, for as long as rasmand is being started.
"${as_user[@]}" bash -c 'while :; do rm -f "$1/rasman.sock"; ln -s "$2" "$1/rasman.sock"; done' \
  racer "$dir" "$target" >/dev/null 2>&1 &
racer=$!; pids+=("$racer")
for i in $(seq 20); do
  rc=0
  timeout 5 "$D" --root "$root" >"$work/start.log" 2>&1 || rc=$?
  [ "$rc" -eq 1 ] || fail "start $i: rasmand served a directory another user owns (exit $rc): $(cat "$work/start.log")"
  [ "$(stat -c '%a' "$target")" = 600 ] || fail "start $i: the user got the root-only file chmodded to $(stat -c '%a' "$target")"
done
kill "$racer"
expect_contains "$(cat "$work/start.log")" \
  "refusing to create the socket under $dir: it is owned by uid $(id -u "$user") ($user), mode 0755" \
  "the refusal names the directory and its owner"

# Owned by root but writable by others (even sticky): refused.
rm -f "$dir/rasman.sock"
chown root "$dir"
chmod 1777 "$dir"
expect_exit 1 "a world-writable run/openras" "$D" --root "$root"
expect_contains "$out" "refusing to create the socket under $dir: it is owned by uid 0 (root), mode 1777" "1777"

# A symlink on the way: refused.
rm -rf "$root/run"
mkdir -p "$work/elsewhere/openras"
ln -s "$work/elsewhere" "$root/run"
expect_exit 1 "a symlinked run" "$D" --root "$root"
expect_contains "$out" "$root/run (rasmand's runtime directory and its parents must be directories, not symlinks)" "symlink"
rm "$root/run"

# The mode comes from the socket itself, not from a chmod by path: 0666 even under umask 077.
umask 077
start_daemon
umask 022
[ "$(stat -c '%a' "$sock")" = 666 ] || fail "socket mode is $(stat -c '%a' "$sock") under umask 077, expected 666"
[ "$(stat -c '%a' "$dir")" = 755 ] || fail "run/openras was created with mode $(stat -c '%a' "$dir"), expected 755"
echo "PASS"
