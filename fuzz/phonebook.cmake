# The phone-book parser and editor (src/phonebook); corpus fuzz/corpus/pbk/ holds a
# Windows 10 rasphone.pbk (VPN + modem entries, CRLF), a UTF-8-with-BOM file, a minimal
# modem entry and hand-broken files.
openras_fuzzer(pbk SOURCES pbk.cpp LIBS openras_phonebook)
