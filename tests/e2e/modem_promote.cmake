# RASEO_PromoteAlternates end to end: a modem entry whose first number is busy connects
# (PPP to slirp) through an alternate, and the dialling process makes that alternate the
# entry's first number, in Windows' order; with the flag clear nothing changes.
openras_sdk_client(entry_numbers SOURCE tests/e2e/entry_numbers.c)
openras_script_test(e2e.modem_promote SCRIPT tests/e2e/modem_promote.sh)
set_tests_properties(e2e.modem_promote PROPERTIES TIMEOUT 180)
# The country's code from dwCountryID when dwCountryCode is 0, and an unknown id refused.
openras_script_test(e2e.modem_country SCRIPT tests/e2e/modem_country.sh)
set_tests_properties(e2e.modem_country PROPERTIES TIMEOUT 120)
