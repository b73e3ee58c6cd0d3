# rasmodem-sim's AT command parser and modem state machine (src/modemsim); corpus
# fuzz/corpus/modemsim/ holds command sessions, escapes with time passing, and actions.
openras_fuzzer(modemsim SOURCES modemsim.cpp LIBS openras_modemsim)
