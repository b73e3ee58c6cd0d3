#!/usr/bin/env bash
# rasreg --json (issue 15 §4): every operation prints JSON objects, one a line, on stdout,
# from the tools' one writer; each line parses with jq; values keep their types (a
# REG_QWORD past 2^53 as a string that round-trips exactly, REG_MULTI_SZ as an array);
# errors are objects with the Win32 code on stdout, nothing on stderr; a question is not
# asked and the operation is cancelled (1223) without changing anything; text is UTF-8
# under LC_ALL=C.
. "$(dirname "$0")/../lib.sh"
require_root "rasreg writes HKEY_LOCAL_MACHINE"
require_cmd jq
. "$(dirname "$0")/rasreg_lib.sh"

# json CODE WHAT ARGS...: rasreg ARGS --json, stdin closed; checks the exit status, that
# stderr is empty and that every stdout line is one JSON object. Output in $out.
json() {
  local want=$1 what=$2 rc=0
  shift 2
  out=$(LC_ALL=C "$R" "$@" --json </dev/null 2>"$work/stderr") || rc=$?
  [ "$rc" -eq "$want" ] || fail "$what: exit $rc, expected $want; output: $out $(cat "$work/stderr")"
  [ ! -s "$work/stderr" ] || fail "$what: wrote to stderr under --json: $(cat "$work/stderr")"
  [ -n "$out" ] || fail "$what: printed nothing"
  while IFS= read -r line; do
    jq -e 'type == "object"' <<<"$line" >/dev/null || fail "$what: not a JSON object: $line"
  done <<<"$out"
}
# field FILTER: jq -r FILTER on the last line of $out.
field() { tail -n 1 <<<"$out" | jq -r "$1"; }
expect_field() {  # expect_field FILTER VALUE WHAT
  local got
  got=$(field "$1")
  [ "$got" = "$2" ] || fail "$3: $1 is \"$got\", expected \"$2\" (in $out)"
}

key='HKLM\Software\JsonTest'
big=18446744073709551615 # 2^64 - 1: a JSON number would come back as 18446744073709552000
json 0 "add REG_SZ" add "$key" /v 'Büro' /d 'Grüße "quoted"' /f
expect_field .succeeded true "add"
expect_field .key 'HKEY_LOCAL_MACHINE\Software\JsonTest' "add names the key"
expect_field .value 'Büro' "add names the value, UTF-8 under LC_ALL=C"
json 0 "add REG_MULTI_SZ" add "$key" /v list /t REG_MULTI_SZ /d 'a b\0(c)' /f
json 0 "add REG_DWORD" add "$key" /v dw /t REG_DWORD /d 0x10 /f
json 0 "add REG_QWORD" add "$key" /v qw /t REG_QWORD /d "$big" /f
json 0 "add REG_BINARY" add "$key" /v bin /t REG_BINARY /d 00ff10 /f
json 0 "add a subkey" add "$key\Sub (x)" /f

json 0 "query" query "$key"
[ "$(wc -l <<<"$out")" = 1 ] || fail "query: one object expected: $out"
expect_field '.values[] | select(.name == "Büro") | .data' 'Grüße "quoted"' "REG_SZ data"
expect_field '.values[] | select(.name == "list") | .data | join("|")' 'a b|(c)' "REG_MULTI_SZ as an array"
expect_field '.values[] | select(.name == "dw") | .data' 16 "REG_DWORD as a number"
expect_field '.values[] | select(.name == "qw") | .data' "$big" "REG_QWORD exact, as a string"
expect_field '.values[] | select(.name == "bin") | .data_hex' 00ff10 "REG_BINARY as hex"
expect_field '.values[] | select(.name == "bin") | .type' REG_BINARY "type names"
expect_field '.subkeys[0]' 'HKEY_LOCAL_MACHINE\Software\JsonTest\Sub (x)' "subkeys as full paths"

json 0 "query /v" query "$key" /v qw
expect_field '.values | length' 1 "query /v: one value"
json 0 "query /s" query "$key" /s
[ "$(wc -l <<<"$out")" = 2 ] || fail "query /s: one object per key expected: $out"
json 0 "query /t" query "$key" /t REG_DWORD,REG_QWORD
expect_field '[.values[].name] | join(",")' dw,qw "query /t keeps only those types"
json 0 "query /f" query "$key" /s /f 'grüße'
expect_field .matches 1 "query /f: the match count, last"
[ "$(head -n 1 <<<"$out" | jq -r '.values[0].name')" = 'Büro' ] || fail "query /f: the matching value: $out"
json 1 "query /f without a match" query "$key" /f nowhere-at-all
expect_field .matches 0 "query /f without a match"

# Errors: an object with the Win32 code, on stdout.
json 1 "a missing key" query 'HKLM\Software\NoSuchKey'
expect_field .error 2 "ERROR_FILE_NOT_FOUND"
expect_field .error_text "The system was unable to find the specified registry key or value." "reg.exe's text"
expect_field .detail 'the key HKEY_LOCAL_MACHINE\Software\NoSuchKey does not exist' "the detail"
# No question under --json: an existing value without /f is not replaced.
json 1 "add over an existing value without /f" add "$key" /v dw /t REG_DWORD /d 7
expect_field .error 1223 "ERROR_CANCELLED"
expect_contains "$(field .detail)" "give /f" "says how to go ahead"
json 0 "query after the cancelled add" query "$key" /v dw
expect_field '.values[0].data' 16 "the cancelled add changed nothing"
json 1 "delete without /f" delete "$key" /v dw
expect_field .error 1223 "delete asks nothing"
json 0 "delete /f" delete "$key" /v dw /f
expect_field .succeeded true "delete"

# The allow-list: items, each allowed or not and why.
json 0 "CustomDLL" add "$params" /v CustomDLL /t REG_MULTI_SZ /d '/opt/none/a.so\0/opt/none/b.so' /f
json 0 "allowlist list" allowlist list
expect_field '.items | length' 2 "two items"
expect_field '.items[0].path' /opt/none/a.so "the item's path"
expect_field '.items[0].allowed' false "a missing file is not allowed"
[ -n "$(field '.items[0].reason')" ] || fail "allowlist list: no reason for a refused item: $out"
json 1 "allowlist PATH, not listed" allowlist /usr/bin/env
expect_field .allowed false "allowlist PATH"
expect_field .path /usr/bin/env "allowlist PATH names it"
json 1 "allowlist PATH, no such file" allowlist /opt/none/a.so
expect_field .error 2 "a missing dialer: an error object"
json 0 "allowlist remove" allowlist remove /opt/none/b.so
expect_field .removed true "allowlist remove"
json 0 "allowlist add" allowlist add /opt/none/c.so
expect_field .added true "allowlist add"
expect_field .loadable false "allowlist add: listed but not loadable"

# import: skipped roots listed; export.
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CLASSES_ROOT\\.x]\r\n@="y"\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\JsonTest]\r\n"imported"="1"\r\n' \
  >"$work/in.reg"
json 0 "import" import "$work/in.reg"
expect_field '.skipped | length' 1 "import lists the skipped section"
expect_contains "$(field '.skipped[0]')" HKEY_CLASSES_ROOT "the skipped section"
json 0 "export" export "$key" "$work/out.reg" /y
expect_field .file "$work/out.reg" "export"
[ -s "$work/out.reg" ] || fail "export wrote nothing"
echo "rasreg --json: every operation, values by type, errors and questions as objects"
