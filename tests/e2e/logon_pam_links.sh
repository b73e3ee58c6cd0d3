#!/usr/bin/env bash
# pam_openras.so is loaded into login, sshd and display managers: it carries its own code,
# sd-bus and libpam only — not libopenras, whose RAS API, dialog runtime and dialer loader
# have no business in those processes — and exports only the PAM service functions.
. "$(dirname "$0")/../lib.sh"
require_cmd nm ldd
module=$OPENRAS_BUILD_DIR/pam/pam_openras.so
[ -f "$module" ] || fail "$module was not built"
deps=$(ldd "$module")
case "$deps" in *libopenras*) fail "pam_openras.so links libopenras: $deps" ;; esac
expect_contains "$deps" "libpam.so" "the module links libpam"
expect_contains "$deps" "libsystemd.so" "the module links sd-bus"
exported=$(nm -D --defined-only "$module" | awk '{print $3}' | sort | tr '\n' ' ')
[ "$exported" = "pam_sm_authenticate pam_sm_close_session pam_sm_open_session pam_sm_setcred " ] \
  || fail "pam_openras.so exports more than the PAM functions: $exported"
# Nothing of the RAS API, the registry, the dialer loader or the dialog runtime inside.
symbols=$(nm -C "$module")
inside=$(echo "$symbols" | grep -E ' (Ras[A-Z]|Reg[A-Z]|openras::(dialer|dialog|registry|rasapi)::)' || true)
[ -z "$inside" ] || fail "pam_openras.so carries libopenras code: $(echo "$inside" | head -5)"
# What it does carry: the LogonDial client and the phone book's section scanner.
expect_contains "$symbols" "openras::logon::logon_dial(" "the LogonDial client is inside"
expect_contains "$symbols" "openras::phonebook::scan_text(" "the section scanner is inside"
