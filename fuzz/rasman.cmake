# rasmand's message handling (src/rasman/server*.cpp): a client's byte stream, handshake
# and D-Bus messages, into the real server loop. Corpus in corpus/rasman/: messages the
# client library sends, a whole session, raw AUTH dialogues, oversized and malformed headers.
openras_fuzzer(rasman SOURCES rasman_messages.cpp LIBS rasman_daemon)

# The client library's side (src/rasman/client.cpp): what rasmand answers and signals,
# parsed by each call. Corpus from fuzz/rasman_client_seeds.py (real D-Bus messages).
# It links the client library alone (openras_rasman_client), as the PAM module will.
openras_fuzzer(rasman_client SOURCES rasman_client.cpp LIBS openras_rasman_client MUTATIONS 60)
