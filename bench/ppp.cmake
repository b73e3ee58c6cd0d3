# PPP framing (src/ppp/framing.h): encode and decode throughput on typical and worst-case
# (every byte escaped) lines, beside a classic byte-at-a-time table-FCS deframer measured
# in the same run; the binary prints the ratios at the end.
openras_bench(ppp_framing_bench SOURCES ppp_framing_bench.cpp)
target_link_libraries(ppp_framing_bench PRIVATE openras_ppp)

# PPP negotiation, CONNECT to network-up, against real peers on ptys: our Session and
# Debian's pppd (in UML) against slirp, and our Session against pppd; prints the ratios.
# Run as root (it enters a private network namespace itself).
openras_bench(ppp_negotiation_bench SOURCES ppp_negotiation_bench.cpp)
target_link_libraries(ppp_negotiation_bench PRIVATE openras_ppp)
target_compile_definitions(ppp_negotiation_bench
                           PRIVATE OPENRAS_UML_PPPD="${PROJECT_SOURCE_DIR}/tests/peers/uml-pppd")
