#!/usr/bin/env bash
# rasdial --import=FILE (issue 15 §6): a phone book copied from Windows. Entries whose
# device is a TAPI modem name or a COMn port get the rasreg commands that configure an
# OpenRAS device of that name, COMn translated to /dev/ttyS(n-1); running those commands
# is enough for the next import to need nothing; a C:\ dialer path gets what to install
# and allow; a VPN entry is not imported and says what to use instead; an entry already
# in the destination is left alone. Text and --json (each line parses with jq), names
# UTF-8 under LC_ALL=C; exit 0 only when every entry was imported.
. "$(dirname "$0")/../lib.sh"
require_root "the HKLM hive must sit in a root-owned directory"
require_cmd jq
. "$(dirname "$0")/dial_lib.sh"
R() { LC_ALL=C timeout 30 "$bin/rasdial" "$@" </dev/null; }
rc_of() { rc=0; out=$("$@" 2>&1) || rc=$?; }

windows=$OPENRAS_SOURCE_DIR/fuzz/corpus/pbk/windows10_rasphone.pbk
# A second file as Windows writes it (CRLF): a null-modem cable on COM1 with a Windows
# dialer, and an entry on a device OpenRAS has.
printf '%s\r\n' '[Cable (COM1)]' 'Encoding=1' 'PBVersion=4' 'Type=3' \
  'CustomRasDialDll=C:\Program Files\Contoso\ctdial.dll' 'DialParamsUID=1' '' \
  'NETCOMPONENTS=' 'ms_msclient=1' '' 'MEDIA=serial' 'Port=COM1' 'Device=COM1' '' \
  'DEVICE=null' '' '[Known]' 'Encoding=1' 'Type=1' '' 'MEDIA=rastapi' 'Port=COM9' \
  'Device=Test0' '' 'DEVICE=modem' 'PhoneNumber=123' '' >"$work/second.pbk"
dev Test0 Type REG_SZ test

# --- Text: the VPN is skipped, the modem entry imported with the commands to run.
rc_of R --import="$windows" /PHONEBOOK:"$work/a.pbk"
[ "$rc" = 1 ] || fail "a VPN entry was skipped, so the import must exit 1, not $rc: $out"
expect_contains "$out" 'Skipped "Contoso Always On VPN":' "the VPN entry is skipped"
expect_contains "$out" "a VPN entry (WAN Miniport (IKEv2)): OpenRAS dials through modems" "why"
expect_contains "$out" 'Imported "Dial-up to ISP (Müller GmbH)":' "the modem entry, UTF-8 under LC_ALL=C"
expect_contains "$out" 'device "Standard 56000 bps Modem" (a Windows (TAPI) modem name, on COM3) is not configured' "TAPI"
expect_contains "$out" '/dev/ttyS2 is COM3 when it is a built-in serial port' "COM3 → ttyS2"
expect_contains "$out" 'rasreg add "HKLM\Software\OpenRAS\Devices\Standard 56000 bps Modem" /v Type /d modem /f' "the Type command"
expect_contains "$out" 'rasreg add "HKLM\Software\OpenRAS\Devices\Standard 56000 bps Modem" /v Port /d /dev/ttyS2 /f' "the Port command"
expect_contains "$out" "1 of 2 entries imported into the phone book $work/a.pbk." "the summary"
# The imported entry is in the destination, through the API (a listing would need rasmand).
grep -qF '[Dial-up to ISP (Müller GmbH)]' "$work/a.pbk" || fail "the entry is not in a.pbk"
grep -qF 'Contoso' "$work/a.pbk" && fail "the VPN entry was written to a.pbk"

# The commands given are enough: run them (they are printed to be run as they are), and
# the next import needs nothing for that device.
while IFS= read -r command; do
  eval "\"\$bin/\"$command" >/dev/null || fail "the printed command failed: $command"
done < <(grep -E '^      rasreg add ' <<<"$out" | sed 's/^ *//')
rc_of R --import="$windows" /PHONEBOOK:"$work/b.pbk"
expect_contains "$out" 'Imported "Dial-up to ISP (Müller GmbH)".' "nothing left to configure"
[[ "$out" == *"not configured"* ]] && fail "the device is still reported: $out"

# An entry the destination has is left alone.
cp "$work/a.pbk" "$work/a.before"
rc_of R --import="$windows" /PHONEBOOK:"$work/a.pbk"
expect_contains "$out" "the entry is already in the phone book $work/a.pbk" "an existing entry"
cmp -s "$work/a.pbk" "$work/a.before" || fail "importing again changed a.pbk"

# --- COMn as the device, a C:\ dialer, a configured device; --json.
rc_of R --import="$work/second.pbk" /PHONEBOOK:"$work/c.pbk" --json
[ "$rc" = 0 ] || fail "every entry of second.pbk imports: exit $rc: $out"
while IFS= read -r line; do
  jq -e 'type == "object"' <<<"$line" >/dev/null || fail "not a JSON object: $line"
done <<<"$out"
cable=$(grep -F '"entry":"Cable (COM1)"' <<<"$out") || fail "no line for Cable (COM1): $out"
[ "$(jq -r '.imported' <<<"$cable")" = true ] || fail "Cable (COM1) not imported: $cable"
[ "$(jq -r '.advice[] | select(.about == "device") | .commands[1]' <<<"$cable")" = \
  'rasreg add "HKLM\Software\OpenRAS\Devices\COM1" /v Port /d /dev/ttyS0 /f' ] ||
  fail "COM1 → /dev/ttyS0: $cable"
[ "$(jq -r '.advice[] | select(.about == "device") | .commands[0]' <<<"$cable")" = \
  'rasreg add "HKLM\Software\OpenRAS\Devices\COM1" /v Type /d serial /f' ] ||
  fail "a null-modem cable is a serial device: $cable"
expect_contains "$(jq -r '.advice[] | select(.about == "device") | .message' <<<"$cable")" \
  "(a Windows port name) is not configured" "COM1 named as a port"
expect_contains "$(jq -r '.advice[] | select(.about == "dialer") | .message' <<<"$cable")" \
  'C:\Program Files\Contoso\ctdial.dll is a Windows DLL' "the Windows dialer"
known=$(grep -F '"entry":"Known"' <<<"$out") || fail "no line for Known: $out"
[ "$(jq -r '.advice | length' <<<"$known")" = 0 ] || fail "Known needs nothing: $known"
[ "$(tail -n 1 <<<"$out" | jq -r '.imported')" = 2 ] || fail "the summary: $out"

# Usage errors dial nothing.
rc_of R --import="$windows" Somewhere
[ "$rc" = 2 ] || fail "--import with an entry: exit $rc, expected 2: $out"
rc_of R --import=
[ "$rc" = 2 ] || fail "--import= without a file: exit $rc: $out"
rc_of R --import="$work/missing.pbk"
[ "$rc" = 1 ] || fail "a missing file: exit $rc: $out"
echo "rasdial --import: devices, COMn, Windows dialers and VPNs reported with what to configure"
