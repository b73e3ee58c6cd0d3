# The two credential-file parsers: a user's saved credentials of a phone book
# (src/phonebook/credentials.cpp; corpus in corpus/pbk_credentials/) and rasmand's
# all-users credentials (src/rasman/credentials.cpp; corpus in corpus/rasman_credentials/).
# (Each input is a file written and read back several times: 500 mutations a run.)
openras_fuzzer(pbk_credentials SOURCES pbk_credentials.cpp MUTATIONS 500)
openras_fuzzer(rasman_credentials SOURCES rasman_credentials.cpp MUTATIONS 500)
target_link_libraries(rasman_credentials_replay PRIVATE rasman_daemon)
if(TARGET rasman_credentials)
  target_link_libraries(rasman_credentials PRIVATE rasman_daemon)
endif()
