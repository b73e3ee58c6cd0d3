# bash completion for the OpenRAS tools: rasdial, rasphone, rasreg, raserror, rasmand,
# rasdialer-check, rasrc and rasmodem-sim. Installed once per command name under
# share/bash-completion/completions, so bash-completion loads it for whichever comes first.
#
# Entry names come from the phone books the tools read (all-users, then the caller's), and
# may hold spaces and parentheses ("Office (backup)"): they are offered quoted, so the
# completed word is one argument.

# The entry names of the phone books, one a line.
_openras_entry_names() {
  local root=${OPENRAS_ROOT:-} root_dir f
  root_dir=${root%/}
  local files=("$root_dir/etc/openras/pbk/rasphone.pbk")
  if [ -n "$root_dir" ]; then
    files+=("$root_dir/home/$(id -un)/.config/openras/pbk/rasphone.pbk")
  else
    files+=("${XDG_CONFIG_HOME:-$HOME/.config}/openras/pbk/rasphone.pbk")
  fi
  for f in "${files[@]}"; do
    [ -r "$f" ] && sed -n 's/^\[\(.*\)\][[:space:]]*\r\{0,1\}$/\1/p' "$f"
  done
}

# _openras_reply_words CUR WORD...: COMPREPLY gets the WORDs that start with CUR, each
# quoted as one shell word. CUR is the word as typed: backslashes and an opening quote
# are taken off before comparing, and a word typed inside quotes is completed unescaped.
_openras_reply_words() {
  local cur=$1 typed quote= word
  shift
  case $cur in
    \'*) quote=\' typed=${cur#\'} ;;
    \"*) quote=\" typed=${cur#\"} ;;
    *) typed=$(printf '%s' "$cur" | sed 's/\\\(.\)/\1/g') ;;
  esac
  COMPREPLY=()
  for word in "$@"; do
    [[ $word == "$typed"* ]] || continue
    if [ -n "$quote" ]; then
      COMPREPLY+=("$quote$word$quote")
    else
      COMPREPLY+=("$(printf '%q' "$word")")
    fi
  done
}

_openras_entries() {
  local names
  mapfile -t names < <(_openras_entry_names | sort -u)
  _openras_reply_words "$1" "${names[@]}"
}

_openras_rasdial() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  case "$cur" in
    /PHONEBOOK:* | -PHONEBOOK:*)
      local prefix=${cur%%:*}:
      mapfile -t COMPREPLY < <(compgen -f -- "${cur#"$prefix"}" | sed "s|^|$prefix|")
      compopt -o nospace
      return ;;
    --import=*)
      mapfile -t COMPREPLY < <(compgen -f -- "${cur#--import=}" | sed "s|^|--import=|")
      compopt -o nospace
      return ;;
    /* | -*)
      mapfile -t COMPREPLY < <(compgen -W '/DISCONNECT /DOMAIN: /PHONE: /CALLBACK: /PHONEBOOK:
        /PREFIXSUFFIX /? --wait --wait= --json --status --import= --help --version' -- "$cur")
      [[ ${COMPREPLY[0]:-} == *[:=] ]] && compopt -o nospace
      return ;;
  esac
  [ "$COMP_CWORD" -eq 1 ] && _openras_entries "$cur"
}

_openras_rasphone() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  case "$cur" in
    -*) mapfile -t COMPREPLY < <(compgen -W '--help --version' -- "$cur") ;;
    *) _openras_entries "$cur" ;;
  esac
}

_openras_rasreg() {
  local cur=${COMP_WORDS[COMP_CWORD]} op=${COMP_WORDS[1],,}
  if [ "$COMP_CWORD" -eq 1 ]; then
    mapfile -t COMPREPLY < <(compgen -W 'query add delete import export allowlist regsvr
      /? --help --version' -- "$cur")
    return
  fi
  local switches='/reg:32 /reg:64 --json'
  case $op in
    query) switches+=' /v /ve /s /se /f /k /d /c /e /t' ;;
    add) switches+=' /v /ve /t /s /d /f' ;;
    delete) switches+=' /v /ve /va /f' ;;
    export) switches+=' /y' ;;
    regsvr) switches+=' /u' ;;
  esac
  case "$cur" in
    /* | -*)
      # A path such as /usr/lib/x.so is an operand too: offer both.
      mapfile -t COMPREPLY < <(compgen -W "$switches" -- "$cur"; compgen -f -- "$cur")
      return ;;
  esac
  local prev=${COMP_WORDS[COMP_CWORD - 1],,}
  if [ "$prev" = /t ]; then
    mapfile -t COMPREPLY < <(compgen -W 'REG_SZ REG_MULTI_SZ REG_EXPAND_SZ REG_DWORD REG_QWORD
      REG_BINARY REG_NONE REG_DWORD_BIG_ENDIAN' -- "$cur")
    return
  fi
  case $op in
    query | add | delete | export)
      if [ "$COMP_CWORD" -eq 2 ]; then
        mapfile -t COMPREPLY < <(compgen -W 'HKLM\\ HKCU\\ HKEY_LOCAL_MACHINE\\ HKEY_CURRENT_USER\\' -- "$cur")
        compopt -o nospace
      elif [ "$op" = export ]; then
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      fi ;;
    import | regsvr) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
    allowlist)
      if [ "$COMP_CWORD" -eq 2 ]; then
        mapfile -t COMPREPLY < <(compgen -W 'list add remove' -- "$cur"; compgen -f -- "$cur")
      else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      fi ;;
  esac
}

_openras_raserror() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  mapfile -t COMPREPLY < <(compgen -W '/ALL --all --json --help --version -' -- "$cur")
}

_openras_rasmand() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  if [ "$prev" = --root ]; then
    mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    return
  fi
  mapfile -t COMPREPLY < <(compgen -W '--root --exit-idle= --debug --help --version' -- "$cur")
  [[ ${COMPREPLY[0]:-} == *= ]] && compopt -o nospace
}

_openras_rasdialer_check() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  case "$cur" in
    --user=*) mapfile -t COMPREPLY < <(compgen -u -- "${cur#--user=}" | sed 's/^/--user=/') ;;
    -*)
      mapfile -t COMPREPLY < <(compgen -W '--json --keep --timeout= --user= --help --version' -- "$cur")
      [[ ${COMPREPLY[0]:-} == *= ]] && compopt -o nospace ;;
    *) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
  esac
}

_openras_rasrc() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  case "$prev" in
    -I) mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
    -o | --depfile) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
  esac
  case "$cur" in
    -*) mapfile -t COMPREPLY < <(compgen -W '-I -D -o --depfile --help' -- "$cur") ;;
    *) mapfile -t COMPREPLY < <(compgen -f -X '!*.rc' -- "$cur"; compgen -d -- "$cur") ;;
  esac
}

_openras_rasmodem_sim() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  mapfile -t COMPREPLY < <(compgen -W '--link --speed --answer --default --log --help' -- "$cur")
}

complete -F _openras_rasdial rasdial
complete -F _openras_rasphone rasphone
complete -F _openras_rasreg rasreg
complete -F _openras_raserror raserror
complete -F _openras_rasmand rasmand
complete -F _openras_rasdialer_check rasdialer-check
complete -F _openras_rasrc rasrc
complete -F _openras_rasmodem_sim rasmodem-sim
