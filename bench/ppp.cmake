# PPP framing (src/ppp/framing.h): encode and decode throughput on typical and worst-case
# (every byte escaped) lines, beside a classic byte-at-a-time table-FCS deframer measured
# in the same run; the binary prints the ratios at the end.
openras_bench(ppp_framing_bench SOURCES ppp_framing_bench.cpp)
target_link_libraries(ppp_framing_bench PRIVATE openras_ppp)
