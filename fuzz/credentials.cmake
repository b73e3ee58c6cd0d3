# The two credential-file parsers: a user's saved credentials of a phone book
# (src/phonebook/credentials.cpp; corpus in corpus/pbk_credentials/) and rasmand's
# all-users credentials (src/rasman/credentials.cpp; corpus in corpus/rasman_credentials/).
openras_fuzzer(pbk_credentials SOURCES pbk_credentials.cpp)
openras_fuzzer(rasman_credentials SOURCES rasman_credentials.cpp)
target_link_libraries(rasman_credentials_replay PRIVATE rasman_daemon)
if(TARGET rasman_credentials)
  target_link_libraries(rasman_credentials PRIVATE rasman_daemon)
endif()
