# rasmodem-sim's AT command parser and modem state machine (src/modemsim); corpus
# fuzz/corpus/modemsim/ holds command sessions, escapes with time passing, and actions.
openras_fuzzer(modemsim SOURCES modemsim.cpp)
target_link_libraries(modemsim_replay PRIVATE openras_modemsim)
if(TARGET modemsim)
  target_link_libraries(modemsim PRIVATE openras_modemsim)
endif()
