# The modem line's replies as the link's AT automaton parses them (src/modem/).
# Corpus in corpus/modem/: what modems send (see at_replies.cpp for the 0xff clock byte).
openras_fuzzer(modem SOURCES at_replies.cpp LIBS openras_modem)
# The post-connect script language and its runner (src/modem/chat_script.h). Corpus in
# corpus/chat_script/: scripts, a NUL, then the far end's bytes (0xff: a second passes).
openras_fuzzer(chat_script SOURCES chat_script.cpp LIBS openras_modem)
