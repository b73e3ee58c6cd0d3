# rasreg end to end: as root and as a real non-root user, trust, concurrency, kill -9.
openras_script_test(e2e.rasreg SCRIPT tests/e2e/rasreg.sh)
openras_script_test(e2e.rasreg_nonroot SCRIPT tests/e2e/rasreg_nonroot.sh)
# A fresh root has the keys installers open without creating (issue 18 item 11).
openras_script_test(e2e.rasreg_fresh_root SCRIPT tests/e2e/rasreg_fresh_root.sh)
openras_script_test(e2e.rasreg_concurrency SCRIPT tests/e2e/rasreg_concurrency.sh)
openras_script_test(e2e.rasreg_export_symlink SCRIPT tests/e2e/rasreg_export_symlink.sh)
# Root and files a user controls: the writers' lock, OPENRAS_ROOT, a root inside a user's
# directory (docs/security.md, "Files and locations").
openras_script_test(e2e.security_files SCRIPT tests/e2e/security_files.sh)
# rasreg allowlist add/remove/list, import skipping foreign roots, regsvr (issue 15 §6,
# issue 18 §12).
openras_script_test(e2e.rasreg_allowlist SCRIPT tests/e2e/rasreg_allowlist.sh)
set_tests_properties(e2e.rasreg_allowlist PROPERTIES TIMEOUT 120)
