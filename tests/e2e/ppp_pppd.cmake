# PPP through rasmand to Debian's pppd in User-Mode Linux (tests/peers/uml-pppd) behind
# rasmodem-sim, in a private network namespace: MS-CHAPv2, CHAP-MD5 and PAP, IPv4 and IPv6
# over the TUN interface, the projection against pppd's own log, 691 (issue 12).
# ppp_projection prints RasGetProjectionInfoEx's answer for an entry's connection.
openras_sdk_client(ppp_projection SOURCE tests/e2e/ppp_projection.cpp)
# Four UML boots, each seconds long (far more on a loaded machine): a generous time-out.
openras_script_test(e2e.pppd_dial SCRIPT tests/e2e/ppp_pppd_dial.sh)
set_tests_properties(e2e.pppd_dial PROPERTIES TIMEOUT 420)
