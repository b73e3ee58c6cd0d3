# dial_lib.sh: the set-up shared by the end-to-end tests of built-in dials (sourced after
# ../lib.sh, as root). Gives: $build; $work, root-owned 0755 under /var/lib (so a hive and
# dialers there are trusted), removed at exit; $work/root, a private root exported as
# OPENRAS_ROOT; $bin with rasdial, rasreg, rasmand and openras-link of this build;
# $work/lib with libopenras on LD_LIBRARY_PATH; $sock; pids=() whose processes are killed
# at exit, and so is every rasdial of $bin still running (a custom dial's holder, which
# leaves our session and holds its connection until it is hung up); dev NAME VALUE TYPE
# DATA, which configures a device in HKLM; entry, a test device's phone-book entry; and
# start_rasmand /
# stop_rasmand. rasdial never starts a rasmand of its own (OPENRAS_RASMAND_AUTOSTART=0): a
# rasmand that crashed must fail the test, not be silently replaced.
build=$OPENRAS_BUILD_DIR
work=$(mktemp -d /var/lib/openras-e2e.XXXXXX)
chmod 0755 "$work"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  pkill -9 -f "^$work/bin/rasdial( |$)" 2>/dev/null
  rm -rf "$work"
}
at_exit cleanup
mkdir -m 0755 "$work/root" "$work/bin" "$work/lib"
for tool in rasdial/rasdial rasreg/rasreg rasmand/rasmand openras-link/openras-link; do
  install -m 0755 "$build/tools/$tool" "$work/bin/"
done
cp -L "$build/libopenras.so.1" "$work/lib/" && chmod 0644 "$work/lib/libopenras.so.1"
export LD_LIBRARY_PATH=$work/lib OPENRAS_ROOT=$work/root OPENRAS_RASMAND_AUTOSTART=0
bin=$work/bin
sock=$work/root/run/openras/rasman.sock
dev() { "$bin/rasreg" add "HKLM\\Software\\OpenRAS\\Devices\\$1" /v "$2" /t "$3" /d "$4" /f >/dev/null; }
# entry NAME DEVICE NUMBER [DIALER]: a phone-book entry on a test device, dialled by DIALER
# (a custom dialer's path) when one is given. modem_dial_lib.sh's entry makes modem ones.
entry() {
  printf '[%s]\nEncoding=1\nType=1\n%s\nMEDIA=serial\nDevice=%s\n\nDEVICE=test\nPhoneNumber=%s\n\n' \
    "$1" "${4:+CustomRasDialDll=$4}" "$2" "$3"
}

# start_rasmand: rasmand --root $work/root in the background (its pid in $rasmand, log in
# $work/rasmand.log, where its link processes write too); waits until its socket is there.
start_rasmand() {
  "$bin/rasmand" --root "$work/root" >>"$work/rasmand.log" 2>&1 &
  rasmand=$!
  pids+=("$rasmand")
  wait_for "rasmand to serve $sock" 10 test -S "$sock"
}
# stop_rasmand [SIGNAL]: stops $rasmand (SIGTERM: it must exit 0 within 10 s); either way
# its log must hold no sanitizer report.
stop_rasmand() {
  stop_process "$rasmand" "${1:-TERM}" 10
  [ "${1:-TERM}" != TERM ] || [ "$stopped_rc" -eq 0 ] \
    || fail "rasmand exited $stopped_rc on SIGTERM: $(tail -20 "$work/rasmand.log")"
  no_sanitizer_report "$work/rasmand.log" "rasmand or a link process"
}
# On failure, rasmand's log says what it saw.
at_exit '[ "$exit_status" -eq 0 ] || [ ! -s "$work/rasmand.log" ] || { echo "--- rasmand log:"; tail -40 "$work/rasmand.log"; } >&2'
