# The PAM module's argument parser and its reading of the all-users entries (src/logon).
openras_fuzzer(logon_pam_args SOURCES logon_pam_args.cpp)
foreach(t logon_pam_args_replay logon_pam_args)
  if(TARGET ${t})
    target_sources(${t} PRIVATE ${PROJECT_SOURCE_DIR}/src/logon/pam_args.cpp
                   ${PROJECT_SOURCE_DIR}/src/logon/entries.cpp)
  endif()
endforeach()
# A logon host's control messages, as rasmand reads them (src/rasman/logon_control.h).
openras_fuzzer(logon_control SOURCES logon_control.cpp)
target_link_libraries(logon_control_replay PRIVATE rasman_daemon)
if(TARGET logon_control)
  target_link_libraries(logon_control PRIVATE rasman_daemon)
endif()
