# The .reg parser (src/registry): corpus in corpus/reg/, real Windows exports included.
openras_fuzzer(reg SOURCES reg.cpp LIBS openras_registry)
