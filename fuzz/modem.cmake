# The modem line's replies as the link's AT automaton parses them (src/modem/).
# Corpus in corpus/modem/: what modems send (see at_replies.cpp for the 0xff clock byte).
openras_fuzzer(modem SOURCES at_replies.cpp LIBS openras_modem)
