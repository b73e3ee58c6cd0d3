# Dialing at logon (issue 14; docs/logon.md): real PAM (pamtester under pam_wrapper), real
# users, the logon host's sandbox against a hostile dialer, and what the PAM module links.
openras_script_test(e2e.logon_pam SCRIPT tests/e2e/logon_pam.sh)
openras_script_test(e2e.logon_hostile SCRIPT tests/e2e/logon_hostile.sh)
openras_script_test(e2e.logon_pam_links SCRIPT tests/e2e/logon_pam_links.sh)
set_tests_properties(e2e.logon_pam e2e.logon_hostile PROPERTIES TIMEOUT 240)
set_tests_properties(e2e.logon_pam_links PROPERTIES TIMEOUT 60)
# rasdialer-check --logon (tools/rasdialer-check/logon.cpp).
openras_script_test(e2e.logon_check SCRIPT tests/e2e/logon_check.sh)
set_tests_properties(e2e.logon_check PROPERTIES TIMEOUT 240)
# A modem entry at logon, on rasmodem-sim, against the same entry through rasdial.
openras_script_test(e2e.logon_modem SCRIPT tests/e2e/logon_modem.sh)
set_tests_properties(e2e.logon_modem PROPERTIES TIMEOUT 180)
# The entry's own dialog at logon, through the PAM conversation (src/logon/conversation.h).
openras_script_test(e2e.logon_dialog SCRIPT tests/e2e/logon_dialog.sh)
set_tests_properties(e2e.logon_dialog PROPERTIES TIMEOUT 240)
