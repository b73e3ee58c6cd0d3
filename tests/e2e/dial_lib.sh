# dial_lib.sh: the set-up shared by the end-to-end tests of built-in dials (sourced after
# ../lib.sh, as root). Gives: $build; $work, root-owned 0755 under /var/lib (so a hive and
# dialers there are trusted), removed at exit; $work/root, a private root exported as
# OPENRAS_ROOT; $bin with rasdial, rasreg, rasmand and openras-link of this build;
# $work/lib with libopenras on LD_LIBRARY_PATH; $sock; pids=() whose processes are killed
# at exit; and dev NAME VALUE TYPE DATA, which configures a device in HKLM.
build=$OPENRAS_BUILD_DIR
work=$(mktemp -d /var/lib/openras-e2e.XXXXXX)
chmod 0755 "$work"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -m 0755 "$work/root" "$work/bin" "$work/lib"
for tool in rasdial/rasdial rasreg/rasreg rasmand/rasmand openras-link/openras-link; do
  install -m 0755 "$build/tools/$tool" "$work/bin/"
done
cp -L "$build/libopenras.so.1" "$work/lib/" && chmod 0644 "$work/lib/libopenras.so.1"
export LD_LIBRARY_PATH=$work/lib OPENRAS_ROOT=$work/root
bin=$work/bin
sock=$work/root/run/openras/rasman.sock
dev() { "$bin/rasreg" add "HKLM\\Software\\OpenRAS\\Devices\\$1" /v "$2" /t "$3" /d "$4" /f >/dev/null; }
