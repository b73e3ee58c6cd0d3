# The phone-book API on a generated 100,000-entry phone book (issue 4's performance
# targets): cold open + get, warm get, full enumeration, set of one entry, memory.
openras_bench(phonebook_bench SOURCES phonebook_bench.cpp)
