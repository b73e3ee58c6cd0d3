#!/usr/bin/env bash
# The terminal renderer in a real terminal: the Windows-style sample dialog (src/dialog/
# sample, built with rasrc) runs in tmux; keys go in with send-keys, the screen comes back
# with capture-pane. Typing fills the focused edit, Tab follows the template's tab order,
# the password field shows stars only, a resize redraws, Escape ends the dialog with
# IDCANCEL; a second run checks a box by its Alt+letter mnemonic and ends with Enter (the
# default button), returning what was typed; a third types more wide (two-cell) characters
# than the field holds: the field scrolls by cells, the cursor stays right after the last.
. "$(dirname "$0")/../lib.sh"
require_cmd tmux
sample=$OPENRAS_BUILD_DIR/src/dialog/dialog_sample
[ -x "$sample" ] || fail "no $sample (build the dialog_sample target)"

scratch_dir work
sock=$work/tmux.sock
at_exit 'tmux -S "$sock" kill-server 2>/dev/null || true'  # lib.sh's at_exit: its only trap

tmux_sock=$sock tmux_pane=dlg
. "$(dirname "$0")/tmux_lib.sh"
wait_file() {
  local deadline=$((SECONDS + 10))
  until [ -s "$1" ]; do
    [ $SECONDS -lt $deadline ] || { screen; fail "$1 never appeared"; }
    sleep 0.1
  done
}

start() {  # start NAME: runs the sample in a fresh 100x30 pane; its output goes to NAME.*
  tmux -S "$sock" new-session -d -s dlg -x 100 -y 30 \
    "LANG=C.UTF-8 $sample >$work/$1.out 2>$work/$1.err; echo \$? >$work/$1.rc"
}

start cancel
wait_screen "User name:"
wait_screen "Sample logon — Ünïcode"  # wide characters in the caption
wait_screen "Ready."
keys alice
wait_screen 'Typing "alice"...'      # EN_CHANGE reached the dialog procedure
keys Tab s3cret
wait_screen "******"
if screen | grep -q s3cret; then fail "the password was echoed"; fi
tmux -S "$sock" resize-window -t dlg -x 80 -y 24
wait_screen "Sample logon"
[ "$(tmux -S "$sock" display -p -t dlg '#{window_width}')" = 80 ] || fail "resize did not happen"
keys Escape
wait_file "$work/cancel.rc"
[ "$(cat "$work/cancel.rc")" = 2 ] || fail "Escape: exit $(cat "$work/cancel.rc"), want 2 (IDCANCEL)"
expect_contains "$(cat "$work/cancel.out")" 'result 2 user ""' "Escape"

start ok
wait_screen "User name:"
keys bob Tab x M-s Enter  # Alt+S: the "&Save password" mnemonic
wait_file "$work/ok.rc"
[ "$(cat "$work/ok.rc")" = 0 ] || fail "Enter: exit $(cat "$work/ok.rc") $(cat "$work/ok.err")"
expect_contains "$(cat "$work/ok.out")" 'result 1 user "bob" save 1' "Enter"

# Wide characters (two cells each): more than the field holds; it scrolls by cells, so the
# last character typed and the cursor after it stay inside the field.
wide=一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十終
start wide
wait_screen "User name:"
keys -l "$wide"
wait_screen "終"
row=$(tmux -S "$sock" display -p -t dlg '#{cursor_y}')
x=$(tmux -S "$sock" display -p -t dlg '#{cursor_x}')
line=$(screen | sed -n "$((row + 1))p")
# The cursor stands right after 終: its display column plus 2 (wide characters count two).
want=$(python3 -c 'import sys, unicodedata as u
line = sys.argv[1]
cells = lambda s: sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s)
i = line.find("終")
print(cells(line[:i]) + 2 if i >= 0 else -1)' "$line")
[ "$want" -ge 0 ] || fail "終 is not on the cursor's row: row $row: \"$line\""
[ "$x" = "$want" ] || fail "the cursor is at column $x, not right after 終 (column $want): \"$line\""
expect_contains "$line" "]" "the field's end on the cursor's row"
keys Enter
wait_file "$work/wide.rc"
expect_contains "$(cat "$work/wide.out")" "user \"$wide\"" "the wide text reached the dialog procedure"
echo "terminal renderer: typed, tabbed, password hidden, resized, wide characters scroll by cells, Escape → IDCANCEL, Enter → IDOK"
