# The link processes' state messages as rasmand parses them (src/link/message.h).
openras_fuzzer(link SOURCES link_messages.cpp)
target_link_libraries(link_replay PRIVATE rasman_daemon)
if(TARGET link)
  target_link_libraries(link PRIVATE rasman_daemon)
endif()
