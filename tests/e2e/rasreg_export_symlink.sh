#!/usr/bin/env bash
# Security issue 16 §6: root's `rasreg export KEY FILE` into a directory another user can
# write never writes through a link that user planted at FILE. A real unprivileged user
# (cli-exp-*) plants symlinks in a sticky world-writable directory (as /tmp) and in a
# sticky group-writable one (which fs.protected_symlinks does not cover); root exports
# there, with /y and by answering yes; the links' targets, existing or not, stay as they
# were, and FILE becomes root's own regular file holding the export. Usage errors of
# rasreg exit 2 and do nothing.
. "$(dirname "$0")/../lib.sh"
require_root "root exports while another real user plants links"
require_cmd setpriv useradd userdel groupadd groupdel timeout
. "$(dirname "$0")/rasreg_lib.sh"

user=cli-exp-$$
group=cli-exg-$$
cleanup() {
  userdel "$user" >/dev/null 2>&1 || true
  groupdel "$group" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
groupadd "$group" || fail "cannot create the group $group"
useradd -M -r -s /usr/sbin/nologin -G "$group" "$user" || fail "cannot create the user $user"
as_user() { setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"; }

expect_exit 0 "add a value to export" "$R" add 'HKLM\Software\Export' /v Data /d exported /f

mkdir -m 1777 "$work/tmp"
mkdir -m 1770 "$work/shared"
chgrp "$group" "$work/shared"
printf 'precious\n' >"$work/victim"
chmod 0644 "$work/victim"

for dir in "$work/tmp" "$work/shared"; do
  for how in y yes; do
    target=$work/victim
    file=$dir/existing-$how.reg
    as_user ln -s "$target" "$file" || fail "the user cannot plant a link in $dir"
    missing=$work/created-${dir##*/}-$how
    as_user ln -s "$missing" "$dir/dangling-$how.reg"
    for f in "$file" "$dir/dangling-$how.reg"; do
      if [ "$how" = y ]; then
        expect_exit 0 "export over the user's link $f (/y)" \
          timeout 30 "$R" export 'HKLM\Software\Export' "$f" /y
      else
        expect_exit 0 "export over the user's link $f (answering yes)" \
          bash -c "echo yes | timeout 30 '$R' export 'HKLM\\Software\\Export' '$f'"
        expect_contains "$out" "already exists" "the prompt for an existing name"
      fi
      [ -L "$f" ] && fail "$f is still the user's link after the export"
      [ "$(stat -c %U:%F "$f")" = "root:regular file" ] \
        || fail "$f is $(stat -c %U:%F "$f") after the export, not root's regular file"
      iconv -f UTF-16LE -t UTF-8 "$f" | grep -q exported || fail "$f does not hold the export"
    done
    [ "$(cat "$target")" = precious ] || fail "root's export wrote through the link into $target"
    [ -e "$missing" ] && fail "root's export created $missing through a dangling link"
  done
done
# No temporary file is left beside the exports.
leftover=$(find "$work/tmp" "$work/shared" -name '.*' -type f)
[ -z "$leftover" ] || fail "temporary files left behind: $leftover"

# An export that cannot be written (the name is a directory) fails, leaves no temporary.
mkdir "$work/tmp/adir.reg"
expect_exit 1 "export onto a directory" "$R" export 'HKLM\Software\Export' "$work/tmp/adir.reg" /y
leftover=$(find "$work/tmp" -name '.*' -type f)
[ -z "$leftover" ] || fail "temporary files left behind by a failed export: $leftover"

# Usage errors: exit 2, nothing written.
expect_exit 2 "unknown switch" "$R" export 'HKLM\Software\Export' "$work/tmp/u.reg" /z
expect_contains "$out" "unknown switch /z" "the unknown switch is named"
expect_exit 2 "unknown long option" "$R" query 'HKLM\Software\Export' --stauts
expect_exit 2 "a missing value" "$R" query 'HKLM\Software\Export' /v
expect_exit 2 "too many operands" "$R" export 'HKLM\Software\Export' "$work/tmp/u.reg" extra
[ -e "$work/tmp/u.reg" ] && fail "a usage error still exported"
expect_exit 0 "/reg:64 is accepted" "$R" query 'HKLM\Software\Export' /v Data /reg:64
expect_exit 0 "--version" "$R" --version
expect_contains "$out" "rasreg (OpenRAS)" "--version"
expect_exit 0 "-h" "$R" -h
expect_exit 0 "a path is an operand, not a switch" "$R" export 'HKLM\Software\Export' "$work/tmp/p.reg"
echo "rasreg export never writes through a planted link; usage errors exit 2: ok"
