# Built-in dials through the real rasmand and openras-link on test devices: dial latency
# (1 and 200 concurrent), RasEnumConnectionsW with 1,000 connections, memory per connection.
openras_bench(dial_bench SOURCES dial_bench.cpp)
add_dependencies(dial_bench rasmand openras-link)
