# The Microsoft printf format translator (src/win32/ms_format.h): corpus in corpus/win32_format/.
openras_fuzzer(win32_format SOURCES win32_format.cpp LIBS openras_win32)
