#!/usr/bin/env bash
# The terminal renderer in a real terminal: the Windows-style sample dialog (src/dialog/
# sample, built with rasrc) runs in tmux; keys go in with send-keys, the screen comes back
# with capture-pane. Typing fills the focused edit, Tab follows the template's tab order,
# the password field shows stars only, a resize redraws, Escape ends the dialog with
# IDCANCEL; a second run checks a box by its Alt+letter mnemonic and ends with Enter (the
# default button), returning what was typed.
. "$(dirname "$0")/../lib.sh"
require_cmd tmux
sample=$OPENRAS_BUILD_DIR/src/dialog/dialog_sample
[ -x "$sample" ] || fail "no $sample (build the dialog_sample target)"

scratch_dir work
sock=$work/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

screen() { tmux -S "$sock" capture-pane -p -t dlg; }
# wait_screen TEXT: until the pane shows TEXT (10 s deadline).
wait_screen() {
  local deadline=$((SECONDS + 10))
  until screen | grep -qF -- "$1"; do
    [ $SECONDS -lt $deadline ] || { screen; fail "the screen never showed \"$1\""; }
    sleep 0.1
  done
}
wait_file() {
  local deadline=$((SECONDS + 10))
  until [ -s "$1" ]; do
    [ $SECONDS -lt $deadline ] || { screen; fail "$1 never appeared"; }
    sleep 0.1
  done
}
keys() { tmux -S "$sock" send-keys -t dlg "$@"; }

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
echo "terminal renderer: typed, tabbed, password hidden, resized, Escape → IDCANCEL, Enter → IDOK"
