# Registry benchmarks: value reads through the Reg API (warm and cold cache), the
# allow-list check, .reg parsing and a locked hive write.
openras_bench(registry_bench SOURCES registry_bench.cpp)
