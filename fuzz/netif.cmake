# The rtnetlink answer parser (src/netif/reply.h): acks, errors with their extended-ack
# attributes, RTM_NEWLINK replies. Corpus in corpus/netif/, recorded from the kernel by
# netif_record.py (see its header).
openras_fuzzer(netif SOURCES netif_replies.cpp LIBS openras_netif)
