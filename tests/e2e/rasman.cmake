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
