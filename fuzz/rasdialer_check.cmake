# rasdialer-check's reader of what an exercise child streams (tools/rasdialer-check/report.h):
# the child runs the dialer, which can write anything on that pipe.
openras_fuzzer(check_report SOURCES check_report.cpp
               ${PROJECT_SOURCE_DIR}/tools/rasdialer-check/report.cpp LIBS openras_base)
# report.cpp writes its JSON with the tools' one writer (tools/common/json.h).
target_include_directories(check_report_replay PRIVATE ${PROJECT_SOURCE_DIR}/tools/rasdialer-check)
target_link_libraries(check_report_replay PRIVATE openras_cli)
if(TARGET check_report)
  target_include_directories(check_report PRIVATE ${PROJECT_SOURCE_DIR}/tools/rasdialer-check)
  target_link_libraries(check_report PRIVATE openras_cli)
endif()
