# The tools' shell completion (completion/): bash and zsh, entry names with spaces.
openras_script_test(e2e.completion SCRIPT tests/e2e/completion.sh)
set_tests_properties(e2e.completion PROPERTIES TIMEOUT 120)
# cmake --install to any prefix: units and the D-Bus activation file name that prefix.
openras_script_test(e2e.install_prefix SCRIPT tests/e2e/install_prefix.sh)
set_tests_properties(e2e.install_prefix PROPERTIES TIMEOUT 300)
# The Debian packages built, installed, checked and purged (a whole release build: slow,
# so labelled "package" and left out of scripts/test.sh's default run).
openras_script_test(e2e.debian_package SCRIPT tests/e2e/debian_package.sh)
set_tests_properties(e2e.debian_package PROPERTIES TIMEOUT 3600 LABELS package)
# rasreg --json: every operation, values by type, errors and questions as JSON objects.
openras_script_test(e2e.rasreg_json SCRIPT tests/e2e/rasreg_json.sh)
# rasdial --import: a Windows rasphone.pbk, with what to configure for each entry.
openras_script_test(e2e.rasdial_import SCRIPT tests/e2e/rasdial_import.sh)
# Saved passwords in the session keyring (a real gnome-keyring-daemon on a private bus).
openras_script_test(e2e.rasdial_keyring SCRIPT tests/e2e/rasdial_keyring.sh)
set_tests_properties(e2e.rasdial_keyring PROPERTIES TIMEOUT 300)
# rasmand's log: nothing per ordinary client, failures and states by name.
openras_script_test(e2e.rasdial_rasmand_log SCRIPT tests/e2e/rasdial_rasmand_log.sh)
