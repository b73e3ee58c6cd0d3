# rasmodem-sim (tools/rasmodem-sim, src/modemsim) end to end on real ptys, with a
# chat-script style client; and a real PPP peer (slirp) behind it in a network namespace.
openras_script_test(e2e.modem_sim SCRIPT tests/e2e/modem_sim.sh)
openras_script_test(e2e.modem_sim_slirp SCRIPT tests/e2e/modem_sim_slirp.sh)
set_tests_properties(e2e.modem_sim e2e.modem_sim_slirp PROPERTIES TIMEOUT 90)
