# The AT dialogue from ATZ to CONNECT against rasmodem-sim on a pty, against one command's
# round trip through the same pty (the reference).
openras_bench(modem_bench SOURCES modem_bench.cpp)
target_link_libraries(modem_bench PRIVATE openras_modem)
add_dependencies(modem_bench rasmodem-sim)
