#!/usr/bin/env bash
# Shell completion of the OpenRAS tools (completion/): entry names from the phone books,
# with spaces, parentheses and non-ASCII letters, complete to one correctly quoted word in
# bash (the completion function as bash calls it) and in zsh (an interactive zsh on a pty,
# TAB typed, the completed line run to show how it splits); each tool's options complete.
. "$(dirname "$0")/../lib.sh"
require_cmd bash zsh sed sort

scratch_dir work
src=$OPENRAS_SOURCE_DIR/completion
root=$work/root
mkdir -p "$root/etc/openras/pbk" "$root/home/$(id -un)/.config/openras/pbk"
printf '[Office (backup)]\nType=1\n\n[Office]\nType=1\n\n[My ISP]\r\nType=1\n\n[B\xc3\xbcro]\nType=1\n' \
  >"$root/etc/openras/pbk/rasphone.pbk"
printf '[Own (2)]\nType=1\n' >"$root/home/$(id -un)/.config/openras/pbk/rasphone.pbk"

# --- bash. ------------------------------------------------------------------------------------
# complete_bash TOOL WORD...: COMPREPLY for the last WORD, one a line.
complete_bash() {
  OPENRAS_ROOT=$root bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    f=$(complete -p "$1" | sed "s/.*-F \([^ ]*\) .*/\1/"); "$f" 2>/dev/null
    printf "%s\n" "${COMPREPLY[@]}"' _ "$src/openras.bash" "$@"
}
out=$(complete_bash rasdial 'Off')
[ "$out" = $'Office\nOffice\\ \\(backup\\)' ] || fail "bash: rasdial Off<TAB> gave [$out]"
out=$(complete_bash rasdial 'Office\ (')
[ "$out" = 'Office\ \(backup\)' ] || fail "bash: an escaped, partly typed name gave [$out]"
# The reply is one shell word naming the entry exactly.
eval "set -- $out"
[ $# -eq 1 ] && [ "$1" = 'Office (backup)' ] || fail "bash: the reply splits into $# words: $*"
out=$(complete_bash rasdial "'My")
[ "$out" = "'My ISP'" ] || fail "bash: a name typed in quotes gave [$out] (and a CR must not stay)"
[ "$(complete_bash rasdial 'B')" = 'Büro' ] || fail "bash: a non-ASCII name"
[ "$(complete_bash rasdial 'Own')" = 'Own\ \(2\)' ] || fail "bash: the caller's own phone book"
[ -z "$(complete_bash rasdial Office 'Off')" ] || fail "bash: an entry offered as the user name"
expect_contains "$(complete_bash rasdial Office /DIS)" "/DISCONNECT" "bash: rasdial's switches"
expect_contains "$(complete_bash rasphone 'Office\ ')" 'Office\ \(backup\)' "bash: rasphone's entries"
expect_contains "$(complete_bash rasreg al)" allowlist "bash: rasreg's operations"
expect_contains "$(complete_bash rasreg allowlist a)" add "bash: rasreg allowlist add"
expect_contains "$(complete_bash rasreg add 'HKLM\System' /t REG_M)" REG_MULTI_SZ "bash: rasreg's types"
expect_contains "$(complete_bash rasdial --imp)" --import= "bash: rasdial --import="
expect_contains "$(complete_bash rasreg query 'HKLM\System' --j)" --json "bash: rasreg --json"
expect_contains "$(complete_bash raserror /A)" /ALL "bash: raserror"
expect_contains "$(complete_bash rasmand --ro)" --root "bash: rasmand"
expect_contains "$(complete_bash rasdialer-check --js)" --json "bash: rasdialer-check"
expect_contains "$(complete_bash rasrc --dep)" --depfile "bash: rasrc"
expect_contains "$(complete_bash rasmodem-sim --ans)" --answer "bash: rasmodem-sim"

# --- zsh, interactively on a pty. ------------------------------------------------------------
mkdir "$work/fpath"
cp "$src/_openras" "$work/fpath/"
cat >"$work/drive.zsh" <<'ZSH'
# drive.zsh FPATH ROOT TYPED EXPECT: types TYPED and TAB into an interactive zsh, waits for
# EXPECT on the line, then runs the completed line as `print -l -- :begin: LINE :end:`, one
# word a line between the markers (the terminal's redrawing is around them).
zmodload zsh/zpty
zpty z env OPENRAS_ROOT=$2 TERM=dumb HOME=$2 zsh -f -i
zpty -w z "fpath=($1 \$fpath); autoload -U compinit; compinit -u -D; PS1='ready> '"
zpty -r z line '*ready> *'
zpty -w -n z "$3"$'\t'
zpty -r z line "*${(b)4}*" || exit 3
zpty -w -n z $'\C-aprint -l -- :begin: \C-e :end:\C-m'
zpty -r z line '*ready> *'
print -r -- "$line"
zpty -w z exit
zpty -d z
ZSH
zsh_words() {  # zsh_words TYPED EXPECT: the words the completed line holds
  timeout 20 zsh -f "$work/drive.zsh" "$work/fpath" "$root" "$1" "$2" | tr -d '\r' |
    awk '$0 == ":begin:" {on = 1; next} $0 == ":end:" {on = 0} on' || true
}
out=$(zsh_words 'rasdial Office\ (' 'backup\)')
[ "$out" = $'rasdial\nOffice (backup)' ] || fail "zsh: rasdial Office\\ (<TAB> ran as [$out]"
out=$(zsh_words 'rasdial My' 'ISP')
[ "$out" = $'rasdial\nMy ISP' ] || fail "zsh: rasdial My<TAB> ran as [$out]"
out=$(zsh_words 'rasreg allow' 'allowlist')
[ "$out" = $'rasreg\nallowlist' ] || fail "zsh: rasreg allow<TAB> ran as [$out]"
echo "completion: entry names with spaces and parentheses in bash and zsh, every tool's options: ok"
