# check_timeouts.cmake: fails unless every CTest test of BUILD_DIR has a TIMEOUT, so a test
# declared without the helpers of cmake/OpenRAS.cmake (which give one) cannot hang CI.
#   cmake -DBUILD_DIR=... -P check_timeouts.cmake
# jq reads ctest's JSON (CMake's string(JSON) parses the whole document on every lookup:
# minutes for 600 tests on a loaded machine).
find_program(JQ jq REQUIRED)
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --show-only=json-v1
                WORKING_DIRECTORY ${BUILD_DIR} OUTPUT_FILE ${BUILD_DIR}/tests.json
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ctest --show-only=json-v1 failed (${rc})")
endif()
execute_process(
  COMMAND ${JQ} -r ".tests | length, (.[] | select([.properties[]? | select(.name == \"TIMEOUT\" and .value > 0)] | length == 0) | .name)"
          ${BUILD_DIR}/tests.json
  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "jq could not read ctest's test list (${rc})")
endif()
string(STRIP "${out}" out)
string(REPLACE "\n" ";" lines "${out}")
list(POP_FRONT lines count)
if(count LESS 2)
  message(FATAL_ERROR "ctest lists ${count} tests: expected the whole suite")
endif()
if(lines)
  list(JOIN lines "\n  " text)
  message(FATAL_ERROR "tests without a time-out (declare them with openras_test, "
                      "openras_script_test or openras_fuzzer):\n  ${text}")
endif()
message(STATUS "all ${count} tests have a time-out")
