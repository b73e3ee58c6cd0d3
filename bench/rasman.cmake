# rasmand through its socket: register/unregister round trips, ListConnections with
# 1,000 connections, rasmand's RSS per connection. Runs the real tools/rasmand/rasmand.
openras_bench(rasman_bench SOURCES rasman_bench.cpp)
add_dependencies(rasman_bench rasmand)
