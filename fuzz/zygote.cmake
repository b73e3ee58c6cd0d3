# The link zygote's control messages, both directions (src/link/zygote_message.h).
# Corpus in corpus/zygote/: a selector byte, then a packet (see zygote_messages.cpp).
openras_fuzzer(zygote SOURCES zygote_messages.cpp LIBS openras_link)
