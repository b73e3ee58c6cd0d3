#!/usr/bin/env bash
# Root and the files a user controls (docs/security.md, "Files and locations"), each
# attack played by a real unprivileged user:
#  - a reader holding the writers' lock of HKLM.reg blocked every administrator write;
#  - root took a user-owned OPENRAS_ROOT at its word;
#  - a root-owned private root inside a user's directory could be swapped by that user;
#  - an allow-list item through a link the user controls allowed what the user chose;
#  - a FIFO planted where a hive belongs blocked whoever read it.
. "$(dirname "$0")/../lib.sh"
require_root "plays a user against root's files"
require_cmd useradd setpriv flock timeout

build=$OPENRAS_BUILD_DIR
rasreg=$build/tools/rasreg/rasreg
work=$(mktemp -d /var/lib/openras-e2e.XXXXXX)
chmod 0755 "$work"
at_exit "rm -rf '$work'"
test_user user secfiles
as_user=(setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups)
key='HKLM\System\CurrentControlSet\Services\Rasman\Parameters'

# 1. The writers' lock. The user can read the hive, so could open a 0644 lock beside it
# and hold it for ever; the lock writers take now is 0600 and theirs alone.
root=$work/root
mkdir -m 0755 "$root"
OPENRAS_ROOT=$root "$rasreg" add "$key" /v First /d one /f >/dev/null
dir=$root/etc/openras/registry
[ "$(stat -c %a "$dir/.HKLM.reg.wlock")" = 600 ] || fail "the writers' lock is not 0600"
if "${as_user[@]}" flock -n "$dir/.HKLM.reg.wlock" true 2>/dev/null; then
  fail "the user could open and lock the writers' lock"
fi
# The user holds every lock it can open beside the hive, and the hive itself.
: >"$dir/.HKLM.reg.lock"
chmod 0644 "$dir/.HKLM.reg.lock"
for f in "$dir/.HKLM.reg.lock" "$dir/HKLM.reg"; do
  "${as_user[@]}" flock -s "$f" sleep 60 >/dev/null 2>&1 &
  holder=$!
  at_exit "pkill -KILL -P $holder; kill -KILL $holder 2>/dev/null"
  wait_for "the user's lock on $f" 10 grep -q ":$(stat -c %i "$f") " /proc/locks
done
out=$(OPENRAS_ROOT=$root timeout 20 "$rasreg" add "$key" /v Second /d two /f 2>&1) \
  || fail "an administrator's write was blocked by a user's lock: $out"
OPENRAS_ROOT=$root "$rasreg" query "$key" /v Second | grep -q two || fail "the write did not land"

# 2. Root does not adopt a private root a user owns because OPENRAS_ROOT names it.
theirs=$work/theirs
mkdir -m 0755 "$theirs"
chown "$user" "$theirs"
if out=$(OPENRAS_ROOT=$theirs "$rasreg" add "$key" /v X /d y /f 2>&1); then
  fail "root wrote into a private root the user owns: $out"
fi
expect_contains "$out" "OPENRAS_ROOT=$theirs" "the error names the variable"
expect_contains "$out" "owned by uid $(id -u "$user")" "the error names the owner"
[ ! -e "$theirs/etc" ] || fail "root created files in the user's tree"

# 3. A root-owned private root inside the user's directory: the user could rename it away
# and put another root-owned tree in its place, so root does not trust it.
home=$work/home
mkdir -m 0755 "$home" "$home/ras"
chown "$user" "$home"
if out=$(OPENRAS_ROOT=$home/ras "$rasreg" add "$key" /v X /d y /f 2>&1); then
  fail "root used a private root inside the user's directory: $out"
fi
expect_contains "$out" "$home, above $home/ras, is owned by uid $(id -u "$user")" \
  "the error names the ancestor and its owner"
"${as_user[@]}" mv "$home/ras" "$home/swapped" || fail "the user could not rename the root (the attack's premise)"
# 4. An allow-list item the user can redirect. The administrator lists a path inside the
# user's directory; the user makes it a link to a root-owned library. Resolving the item
# would allow that library; the item is taken as written, and refused.
dialers=$work/dialers
mkdir -m 0755 "$dialers"
touch "$dialers/trusted.so"
udir=$work/udir
mkdir -m 0755 "$udir"
chown "$user" "$udir"
"${as_user[@]}" ln -s "$dialers/trusted.so" "$udir/evil.so" || fail "the user could not plant the link"
OPENRAS_ROOT=$root "$rasreg" add "$key" /v CustomDLL /t REG_MULTI_SZ /d "$udir/evil.so" /f >/dev/null
if out=$(OPENRAS_ROOT=$root "$rasreg" allowlist "$dialers/trusted.so" 2>&1); then
  fail "a library the user pointed an allow-list item at is allowed: $out"
fi
out=$(OPENRAS_ROOT=$root "$rasreg" allowlist 2>&1)
expect_contains "$out" "goes through a symbolic link or is not canonical" "allowlist says why"
# 5. A FIFO where a file is read. The user owns a private root and puts a FIFO where its
# hive belongs: whoever reads that root (the user's own tools, an administrator's) gets an
# error at once instead of blocking until somebody writes to the FIFO.
fifo_root=$work/fifo-root
mkdir -p "$fifo_root/etc/openras/registry"
chown -R "$user" "$fifo_root"
"${as_user[@]}" mkfifo "$fifo_root/etc/openras/registry/HKLM.reg"
rc=0
out=$(OPENRAS_ROOT=$fifo_root timeout 20 "${as_user[@]}" "$rasreg" query "$key" 2>&1) || rc=$?
[ "$rc" -ne 124 ] || fail "reading a hive that is a FIFO blocked"
expect_contains "$out" "not a regular file" "the FIFO is named as such"
echo "PASS: security_files"
