# The two credential-file parsers: a user's saved credentials of a phone book
# (src/phonebook/credentials.cpp; corpus in corpus/pbk_credentials/) and rasmand's
# all-users credentials (src/rasman/credentials.cpp; corpus in corpus/rasman_credentials/).
# (Each input is a file written and read back several times: 500 mutations a run.)
openras_fuzzer(pbk_credentials SOURCES pbk_credentials.cpp LIBS openras_phonebook MUTATIONS 500)
openras_fuzzer(rasman_credentials SOURCES rasman_credentials.cpp LIBS rasman_daemon MUTATIONS 500)
