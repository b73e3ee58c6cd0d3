# End-to-end tests of the custom-dialer system (issue 5's acceptance).
openras_script_test(e2e.custom_dialer SCRIPT tests/e2e/custom_dialer.sh)
openras_script_test(e2e.rasdialer_check SCRIPT tests/e2e/rasdialer_check.sh)
set_tests_properties(e2e.custom_dialer PROPERTIES TIMEOUT 300)
# About 30 runs, each starting a scratch rasmand; the zoo's dials wait out --timeout.
set_tests_properties(e2e.rasdialer_check PROPERTIES TIMEOUT 480)
openras_script_test(e2e.rasdial_service SCRIPT tests/e2e/rasdial_service.sh)
openras_script_test(e2e.rasdial_builtin SCRIPT tests/e2e/rasdial_builtin.sh)
openras_script_test(e2e.rasdial_cli SCRIPT tests/e2e/rasdial_cli.sh)
set_tests_properties(e2e.rasdial_service e2e.rasdial_builtin e2e.rasdial_cli PROPERTIES TIMEOUT 120)
# A Windows-style client of RasDialW's built-in path: notifier types, blocking dial,
# RasHangUp from inside a notifier (tests/e2e/rasdial_builtin.sh).
openras_sdk_client(rasdial_test_client SOURCE tests/rasman/dial_main.cpp)
openras_script_test(e2e.rasdial_autostart SCRIPT tests/e2e/rasdial_autostart.sh)
# A Windows-style monitor: RasConnectionNotification with events, statistics and
# projection (tests/e2e/rasdial_monitor.sh).
openras_sdk_client(rasdial_test_watch SOURCE tests/rasman/watch_main.cpp)
openras_script_test(e2e.rasdial_monitor SCRIPT tests/e2e/rasdial_monitor.sh)
set_tests_properties(e2e.rasdial_monitor PROPERTIES TIMEOUT 120)
# RasDeleteEntry survives forwarding, crashing, exiting and hanging delete notifications.
openras_script_test(e2e.dialer_delete SCRIPT tests/e2e/dialer_delete.sh)
set_tests_properties(e2e.dialer_delete PROPERTIES TIMEOUT 180)
