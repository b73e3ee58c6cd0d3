# The rtnetlink answer parser (src/netif/reply.h): acks, errors with their extended-ack
# attributes, RTM_NEWLINK replies. Corpus in corpus/netif/, recorded from the kernel by
# netif_record.py (see its header).
openras_fuzzer(netif SOURCES netif_replies.cpp)
target_link_libraries(netif_replay PRIVATE openras_netif)
if(TARGET netif)
  target_link_libraries(netif PRIVATE openras_netif)
endif()
