# The IP side of a connection (src/netif): a TUN interface created, configured (MTU, address,
# up, default route) and destroyed, beside an RTM_GETLINK round trip and a bare netlink
# socket()+close() measured in the same run; prints the ratios. Root: it works in a network
# namespace of its own.
openras_bench(netif_bench SOURCES netif_bench.cpp)
target_link_libraries(netif_bench PRIVATE openras_netif)
