# tmux_lib.sh: a terminal UI test's view of one tmux pane (sourced after ../lib.sh). Set
# tmux_sock (the tmux server's socket), tmux_pane (its session) and, if not 10 s,
# tmux_wait first. Gives: screen (the pane's text); wait_screen TEXT (until the pane shows
# TEXT, or fail showing the pane); keys KEYS... (tmux send-keys); type_text TEXT (the
# text literally: "Home" is otherwise a key name).
screen() { tmux -S "$tmux_sock" capture-pane -p -t "$tmux_pane"; }
wait_screen() {
  local deadline=$((SECONDS + ${tmux_wait:-10}))
  until screen | grep -qF -- "$1"; do
    [ $SECONDS -lt $deadline ] || { screen; fail "the screen never showed \"$1\""; }
    sleep 0.1
  done
}
keys() { tmux -S "$tmux_sock" send-keys -t "$tmux_pane" "$@"; }
type_text() { tmux -S "$tmux_sock" send-keys -t "$tmux_pane" -l "$1"; }
