# End-to-end tests of the custom-dialer system (issue 5's acceptance).
openras_script_test(e2e.custom_dialer SCRIPT tests/e2e/custom_dialer.sh)
openras_script_test(e2e.rasdialer_check SCRIPT tests/e2e/rasdialer_check.sh)
set_tests_properties(e2e.custom_dialer e2e.rasdialer_check PROPERTIES TIMEOUT 300)
openras_script_test(e2e.rasdial_service SCRIPT tests/e2e/rasdial_service.sh)
openras_script_test(e2e.rasdial_builtin SCRIPT tests/e2e/rasdial_builtin.sh)
set_tests_properties(e2e.rasdial_service e2e.rasdial_builtin PROPERTIES TIMEOUT 120)
