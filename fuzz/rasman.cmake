# rasmand's message handling (src/rasman/server*.cpp): a client's byte stream, handshake
# and D-Bus messages, into the real server loop. Corpus in corpus/rasman/: messages the
# client library sends, a whole session, raw AUTH dialogues, oversized and malformed headers.
openras_fuzzer(rasman SOURCES rasman_messages.cpp)
target_link_libraries(rasman_replay PRIVATE rasman_daemon)
if(TARGET rasman)
  target_link_libraries(rasman PRIVATE rasman_daemon)
endif()

# The client library's side (src/rasman/client.cpp): what rasmand answers and signals,
# parsed by each call. Corpus from fuzz/rasman_client_seeds.py (real D-Bus messages).
openras_fuzzer(rasman_client SOURCES rasman_client.cpp MUTATIONS 60)
