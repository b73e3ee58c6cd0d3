# Shared helpers: compiler flags, and one place to declare tests, fuzzers and benchmarks.

find_program(OPENRAS_CCACHE ccache)
if(OPENRAS_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_C_COMPILER_LAUNCHER ${OPENRAS_CCACHE})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${OPENRAS_CCACHE})
endif()

find_package(PkgConfig REQUIRED)
# sd-bus and sd-event: rasmand serves, and libopenras's client speaks, D-Bus with them.
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET GLOBAL libsystemd)
# ncursesw: the dialog runtime's terminal renderer (src/dialog).
pkg_check_modules(NCURSESW REQUIRED IMPORTED_TARGET GLOBAL ncursesw)
find_path(OPENRAS_TL_EXPECTED_DIR tl/expected.hpp REQUIRED
  DOC "tl::expected (Debian: libexpected-dev)")

set(OPENRAS_SANITIZER_FLAGS "")
if(OPENRAS_SANITIZE)
  set(OPENRAS_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer)
endif()
if(OPENRAS_FUZZ)
  list(APPEND OPENRAS_SANITIZER_FLAGS -fsanitize=fuzzer-no-link)
endif()

function(openras_apply_flags target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
      -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual -Wconversion
      -Wsign-conversion -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough>
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic>
    ${OPENRAS_SANITIZER_FLAGS})
  if(OPENRAS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_link_options(${target} PRIVATE ${OPENRAS_SANITIZER_FLAGS})
  target_include_directories(${target} SYSTEM PRIVATE ${OPENRAS_TL_EXPECTED_DIR})
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "EXECUTABLE" AND OPENRAS_SANITIZE AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # Under clang's sanitizers (the fuzz preset) only the C++ driver links the runtime's C++
    # half, which libopenras's checks call: a C program (an SDK sample, a test client) is
    # linked by it there. Elsewhere a C program stays linked as one.
    set_target_properties(${target} PROPERTIES LINKER_LANGUAGE CXX)
  endif()
endfunction()

# openras_no_undefined(TARGET): a shared library or module that must resolve every symbol
# when linked. clang leaves sanitizer and coverage runtimes to the program that loads it,
# so under clang's sanitizers (the fuzz preset) that cannot hold and is not asked.
function(openras_no_undefined target)
  if(NOT (OPENRAS_SANITIZE AND CMAKE_CXX_COMPILER_ID MATCHES "Clang"))
    target_link_options(${target} PRIVATE "LINKER:--no-undefined")
  endif()
endfunction()

find_package(Threads REQUIRED)

# openras_folder_library(FOLDER SOURCES a.cpp b.cpp ...)
# The static library openras_FOLDER of one src/ folder. What it links to among our
# folders is set once, from OPENRAS_LAYERS, in src/CMakeLists.txt (never here or in the
# folder); system libraries a folder needs it links itself.
function(openras_folder_library folder)
  cmake_parse_arguments(L "" "" "SOURCES" ${ARGN})
  add_library(openras_${folder} STATIC ${L_SOURCES})
  target_link_libraries(openras_${folder} PUBLIC openras_context)
  openras_apply_flags(openras_${folder})
endfunction()

# Every test has a time-out, set here where tests are declared (CTest's default is
# 1500 s per test, or none at all): a hung test fails and names itself instead of
# stalling CI. Generous, for a loaded machine; the e2e .cmake files may set their own.
set(OPENRAS_UNIT_TEST_TIMEOUT 60)
set(OPENRAS_SCRIPT_TEST_TIMEOUT 300)
set(OPENRAS_FUZZ_REPLAY_TIMEOUT 300)

# openras_add_resources(): rasrc for .rc files (installed with the package config too).
set(OPENRAS_RASRC_TARGET rasrc)
include(${CMAKE_CURRENT_LIST_DIR}/OpenRASResources.cmake)

# openras_test(NAME SOURCES a.cpp b.cpp [LIBS x y])
# A GoogleTest binary linked to the private static library; each TEST is one CTest test.
function(openras_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  find_package(GTest REQUIRED)
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE openras_static GTest::gtest GTest::gtest_main
                        openras_test_support ${T_LIBS})
  openras_apply_flags(${name})
  include(GoogleTest)
  # Tests find the source and build trees through OPENRAS_TEST_SOURCE_DIR/BUILD_DIR,
  # compiled in by openras_test_support.
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
                       PROPERTIES TIMEOUT ${OPENRAS_UNIT_TEST_TIMEOUT})
endfunction()

# openras_sdk_client(NAME SOURCE [LIBS x y])
# A test program written against the SDK as an application is: linked to the shared
# libopenras, the SDK headers included as system headers (they are Windows-style C, with
# old-style casts, which our C++ warnings would flag).
function(openras_sdk_client name)
  cmake_parse_arguments(C "" "SOURCE" "LIBS" ${ARGN})
  add_executable(${name} ${PROJECT_SOURCE_DIR}/${C_SOURCE})
  target_link_libraries(${name} PRIVATE openras ${C_LIBS})
  target_include_directories(${name} SYSTEM PRIVATE ${PROJECT_SOURCE_DIR}/include)
  openras_apply_flags(${name})
endfunction()

# openras_script_test(NAME SCRIPT path [ARGS ...])
# A shell end-to-end test. Exit 77 means skipped, and CI=true turns any skip into a failure
# (tests/lib.sh does that), so a skipped test can never look like a pass in CI.
function(openras_script_test name)
  cmake_parse_arguments(T "" "SCRIPT" "ARGS" ${ARGN})
  add_test(NAME ${name} COMMAND bash ${PROJECT_SOURCE_DIR}/${T_SCRIPT} ${T_ARGS})
  string(JOIN " " sanitizer_flags ${OPENRAS_SANITIZER_FLAGS})
  set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77
    TIMEOUT ${OPENRAS_SCRIPT_TEST_TIMEOUT} ENVIRONMENT
    "OPENRAS_SOURCE_DIR=${PROJECT_SOURCE_DIR};OPENRAS_BUILD_DIR=${PROJECT_BINARY_DIR};OPENRAS_SANITIZER_FLAGS=${sanitizer_flags}")
endfunction()

# openras_fuzzer(NAME SOURCES x.cpp LIBS lib... [MUTATIONS n])
# A target defining LLVMFuzzerTestOneInput, linked to LIBS alone (the folder libraries of
# what it parses, not all of libopenras: scripts/fuzz.sh builds only what the fuzzers use). With OPENRAS_FUZZ (clang) it is a libFuzzer
# binary; always it is also built against fuzz/replay_main.cpp, and CTest replays its
# corpus fuzz/corpus/NAME/ plus a bounded run of mutated inputs (2000 unless MUTATIONS says;
# a new seed each run, printed), under the sanitizers.
function(openras_fuzzer name)
  cmake_parse_arguments(F "" "MUTATIONS" "SOURCES;LIBS" ${ARGN})
  if(NOT F_LIBS)
    message(FATAL_ERROR "openras_fuzzer(${name}): say which libraries it needs (LIBS)")
  endif()
  if(NOT F_MUTATIONS)
    set(F_MUTATIONS 2000)
  endif()
  set(corpus ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
  set_property(GLOBAL APPEND PROPERTY OPENRAS_FUZZERS ${name})  # scripts/fuzz.sh runs each
  add_executable(${name}_replay ${F_SOURCES} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp)
  target_link_libraries(${name}_replay PRIVATE openras_context ${F_LIBS})
  openras_apply_flags(${name}_replay)
  add_test(NAME fuzz.${name} COMMAND ${name}_replay ${corpus} --mutate=${F_MUTATIONS})
  set_tests_properties(fuzz.${name} PROPERTIES TIMEOUT ${OPENRAS_FUZZ_REPLAY_TIMEOUT})
  if(OPENRAS_FUZZ)
    add_executable(${name} ${F_SOURCES})
    target_link_libraries(${name} PRIVATE openras_context ${F_LIBS})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_include_directories(${name} SYSTEM PRIVATE ${OPENRAS_TL_EXPECTED_DIR})
  endif()
endfunction()

# openras_bench(NAME SOURCES x.cpp) — a Google Benchmark binary (never a test).
function(openras_bench name)
  cmake_parse_arguments(B "" "" "SOURCES" ${ARGN})
  find_package(benchmark REQUIRED)
  add_executable(${name} ${B_SOURCES})
  target_link_libraries(${name} PRIVATE openras_static benchmark::benchmark)
  openras_apply_flags(${name})
endfunction()
