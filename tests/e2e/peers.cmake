# The real PPP peers of tests/peers/ as the end-to-end tests use them: pppd in UML
# (uml-pppd --stdio) behind rasmodem-sim. UML boots in seconds: a generous time-out.
openras_script_test(e2e.peers_uml_pppd SCRIPT tests/e2e/peers_uml_pppd.sh)
set_tests_properties(e2e.peers_uml_pppd PROPERTIES TIMEOUT 120)
