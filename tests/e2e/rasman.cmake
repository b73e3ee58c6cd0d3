# rasmand end to end: two real users, permissions, a killed client, restarts, SIGTERM,
# garbage on the socket. The test client drives the client library (src/rasman/client.h).
add_executable(rasman_test_client ${PROJECT_SOURCE_DIR}/tests/rasman/client_main.cpp)
target_link_libraries(rasman_test_client PRIVATE openras_static)
openras_apply_flags(rasman_test_client)

openras_script_test(e2e.rasman_users SCRIPT tests/e2e/rasman_users.sh)
openras_script_test(e2e.rasman_lifecycle SCRIPT tests/e2e/rasman_lifecycle.sh)
set_tests_properties(e2e.rasman_users e2e.rasman_lifecycle PROPERTIES TIMEOUT 120)
openras_script_test(e2e.rasman_systemd SCRIPT tests/e2e/rasman_systemd.sh)
set_tests_properties(e2e.rasman_systemd PROPERTIES TIMEOUT 60)
# Statistics, projection and Dial's credentials through busctl (issue 6).
openras_script_test(e2e.rasman_stats SCRIPT tests/e2e/rasman_stats.sh)
set_tests_properties(e2e.rasman_stats PROPERTIES TIMEOUT 60)
# System mode (no --root) with two real users, in private mount and PID namespaces; the
# restart client is one libopenras process that outlives a rasmand restart.
openras_sdk_client(rasdial_restart_client SOURCE tests/rasman/restart_main.cpp)
openras_script_test(e2e.rasman_system SCRIPT tests/e2e/rasman_system.sh)
set_tests_properties(e2e.rasman_system PROPERTIES TIMEOUT 180)
# rasmand on a real system bus (a private dbus-daemon with the project's policy file).
openras_script_test(e2e.rasman_system_bus SCRIPT tests/e2e/rasman_system_bus.sh)
set_tests_properties(e2e.rasman_system_bus PROPERTIES TIMEOUT 120)
# The security tests (docs/security.md, "rasmand: resource limits and logging"): a real
# unprivileged user attacks rasmand's socket with rasman_attack (raw D-Bus).
add_executable(rasman_attack ${PROJECT_SOURCE_DIR}/tests/rasman/attack_main.cpp)
openras_apply_flags(rasman_attack)
openras_script_test(e2e.rasman_exhaustion SCRIPT tests/e2e/rasman_exhaustion.sh)
set_tests_properties(e2e.rasman_exhaustion PROPERTIES TIMEOUT 180)
openras_script_test(e2e.rasman_admin_room SCRIPT tests/e2e/rasman_admin_room.sh)
set_tests_properties(e2e.rasman_admin_room PROPERTIES TIMEOUT 120)
openras_script_test(e2e.rasman_runtime_dir SCRIPT tests/e2e/rasman_runtime_dir.sh)
set_tests_properties(e2e.rasman_runtime_dir PROPERTIES TIMEOUT 120)
openras_script_test(e2e.rasman_log_injection SCRIPT tests/e2e/rasman_log_injection.sh)
set_tests_properties(e2e.rasman_log_injection PROPERTIES TIMEOUT 60)
openras_script_test(e2e.rasman_shutdown SCRIPT tests/e2e/rasman_shutdown.sh)
set_tests_properties(e2e.rasman_shutdown PROPERTIES TIMEOUT 60)
