# rasreg end to end: as root and as a real non-root user, trust, concurrency, kill -9.
openras_script_test(e2e.rasreg SCRIPT tests/e2e/rasreg.sh)
openras_script_test(e2e.rasreg_nonroot SCRIPT tests/e2e/rasreg_nonroot.sh)
openras_script_test(e2e.rasreg_concurrency SCRIPT tests/e2e/rasreg_concurrency.sh)
openras_script_test(e2e.rasreg_export_symlink SCRIPT tests/e2e/rasreg_export_symlink.sh)
