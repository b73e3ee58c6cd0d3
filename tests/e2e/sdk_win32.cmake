# The Win32 around RAS from the installed SDK: a Windows-style console client built
# unchanged in both widths, a DllMain dialer, rasdialer-check's linkage check.
openras_script_test(e2e.sdk_win32 SCRIPT tests/e2e/sdk_win32.sh)
set_tests_properties(e2e.sdk_win32 PROPERTIES TIMEOUT 600)
