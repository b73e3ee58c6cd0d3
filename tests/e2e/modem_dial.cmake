# Built-in dials on a modem through rasmand and the link's AT driver, against rasmodem-sim
# on a real pty (issue 11): every result code, cancel during dialing, the port's lock.
openras_script_test(e2e.modem_dial SCRIPT tests/e2e/modem_dial.sh)
set_tests_properties(e2e.modem_dial PROPERTIES TIMEOUT 120)
# The entry's redials, alternate numbers and country/area codes reaching the AT dialogue.
openras_script_test(e2e.modem_redial SCRIPT tests/e2e/modem_redial.sh)
set_tests_properties(e2e.modem_redial PROPERTIES TIMEOUT 120)
# PPP over the modem to a real PPP server (slirp) in a private network namespace: Connected,
# the TUN interface with slirp's address, TCP through it, statistics, 691 (issue 12).
openras_script_test(e2e.ppp_dial SCRIPT tests/e2e/ppp_dial.sh)
set_tests_properties(e2e.ppp_dial PROPERTIES TIMEOUT 180)
# An entry's post-connect script logging in to a terminal server before PPP (slirp), and
# its failures: ABORT and TIMEOUT (702), a syntax error (752), a missing file (2).
openras_script_test(e2e.modem_script SCRIPT tests/e2e/modem_script.sh)
set_tests_properties(e2e.modem_script PROPERTIES TIMEOUT 180)
# The driver against a second Hayes emulator written apart from it (tests/peers/hayes-emu),
# configured only through the device's Init strings; PPP to slirp behind it.
openras_script_test(e2e.modem_second_emulator SCRIPT tests/e2e/modem_second_emulator.sh)
set_tests_properties(e2e.modem_second_emulator PROPERTIES TIMEOUT 120)
# A terminal after dialing (RASEO_TerminalAfterDial): the dial pauses in RASCS_Interactive,
# the caller logs in to a terminal server by hand (terminal_client through
# OpenRasOpenTerminal, rasdial on a tmux terminal), resumes with RasDial, and PPP follows.
openras_sdk_client(terminal_client SOURCE tests/e2e/terminal_client.c LIBS Threads::Threads)
openras_script_test(e2e.modem_terminal SCRIPT tests/e2e/modem_terminal.sh)
set_tests_properties(e2e.modem_terminal PROPERTIES TIMEOUT 180)
