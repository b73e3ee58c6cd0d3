# The link processes' state messages as rasmand parses them (src/link/message.h).
openras_fuzzer(link SOURCES link_messages.cpp LIBS rasman_daemon)
