# rasreg_lib.sh: shared set-up for the rasreg end-to-end tests (sourced after ../lib.sh).
# Gives: $work (scratch, 0755), $root (a private OPENRAS_ROOT owned by root), $R (rasreg),
# $params (the Parameters key), and build_client NAME SOURCE (a C program using the SDK).

require_cmd gcc cmp iconv
[ -x "$OPENRAS_BUILD_DIR/tools/rasreg/rasreg" ] || fail "rasreg is not built in $OPENRAS_BUILD_DIR"

scratch_dir work
# Everything a test user runs lives in the scratch directory, so it does not depend on
# who may enter the build tree.
mkdir -p "$work/bin" "$work/lib"
cp "$OPENRAS_BUILD_DIR/tools/rasreg/rasreg" "$work/bin/rasreg"
cp -L "$OPENRAS_BUILD_DIR/libopenras.so.1" "$work/lib/libopenras.so.1"
ln -s libopenras.so.1 "$work/lib/libopenras.so"
chmod -R a+rX "$work"
R=$work/bin/rasreg
root=$work/root
mkdir -m 0755 "$root"
export OPENRAS_ROOT=$root
hive=$root/etc/openras/registry/HKLM.reg
params='HKLM\System\CurrentControlSet\Services\Rasman\Parameters'

# build_client NAME: compiles C source from stdin against the SDK headers and libopenras.
build_client() {
  local name=$1
  cat >"$work/$name.c"
  # shellcheck disable=SC2086
  gcc -std=c99 -Wall -Werror ${OPENRAS_SANITIZER_FLAGS:-} -I"$OPENRAS_SOURCE_DIR/include" \
    "$work/$name.c" -o "$work/bin/$name" -L"$work/lib" -lopenras -Wl,-rpath,"$work/lib"
}

# expect_exit CODE WHAT COMMAND...: runs COMMAND, checks its exit status, keeps its output
# in $out (stdout and stderr together).
expect_exit() {
  local want=$1 what=$2 rc=0
  shift 2
  out=$("$@" 2>&1) || rc=$?
  [ "$rc" -eq "$want" ] || fail "$what: exit $rc, expected $want; output: $out"
}
