# countries.cmake: the TAPI country table (RasGetCountryInfo's list, and the calling code a
# built-in dial takes from dwCountryID), generated at build time (gen_countries.cpp,
# docs/devices.md "Countries"). Included by src/base/CMakeLists.txt, whose library compiles
# the table in (base/countries.h); nothing here is installed, and libopenras does not link
# libphonenumber (only the generator does).
#
# openras_country_table(TARGET): generates countries_table.inc in the current binary
# directory and lets TARGET's sources include it.

find_path(OPENRAS_PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED
  DOC "libphonenumber's headers (Debian: libphonenumber-dev)")
find_library(OPENRAS_PHONENUMBER_LIBRARY phonenumber REQUIRED
  DOC "libphonenumber (Debian: libphonenumber-dev)")
find_file(OPENRAS_ISO_3166_1_JSON iso_3166-1.json PATHS /usr/share/iso-codes/json REQUIRED
  NO_DEFAULT_PATH DOC "iso-codes' ISO 3166-1 list (Debian: iso-codes)")
find_package(nlohmann_json 3 REQUIRED)

set(OPENRAS_GEN_COUNTRIES_DIR ${CMAKE_CURRENT_LIST_DIR})
add_executable(openras-gen-countries ${OPENRAS_GEN_COUNTRIES_DIR}/gen_countries.cpp)
target_include_directories(openras-gen-countries SYSTEM PRIVATE
  ${OPENRAS_PHONENUMBER_INCLUDE_DIR})
target_link_libraries(openras-gen-countries PRIVATE ${OPENRAS_PHONENUMBER_LIBRARY}
  nlohmann_json::nlohmann_json)
openras_apply_flags(openras-gen-countries)

function(openras_country_table target)
  set(table ${CMAKE_CURRENT_BINARY_DIR}/countries_table.inc)
  set(overrides ${OPENRAS_GEN_COUNTRIES_DIR}/tapi_ids.txt)
  add_custom_command(OUTPUT ${table}
    COMMAND openras-gen-countries ${OPENRAS_ISO_3166_1_JSON} ${overrides} ${table}
    DEPENDS openras-gen-countries ${overrides} ${OPENRAS_ISO_3166_1_JSON}
    COMMENT "Generating RasGetCountryInfo's country table from libphonenumber and iso-codes"
    VERBATIM)
  target_sources(${target} PRIVATE ${table})
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_BINARY_DIR})
endfunction()

# The generated list against the installed data it came from (linking libphonenumber is
# fine for a test; the library never does).
if(OPENRAS_TESTS)
  openras_test(country_table_test SOURCES ${OPENRAS_GEN_COUNTRIES_DIR}/country_table_test.cpp
    LIBS ${OPENRAS_PHONENUMBER_LIBRARY} nlohmann_json::nlohmann_json)
  target_include_directories(country_table_test SYSTEM PRIVATE ${OPENRAS_PHONENUMBER_INCLUDE_DIR})
  target_compile_definitions(country_table_test PRIVATE
    OPENRAS_ISO_3166_1_JSON="${OPENRAS_ISO_3166_1_JSON}"
    OPENRAS_TAPI_IDS="${OPENRAS_GEN_COUNTRIES_DIR}/tapi_ids.txt")
endif()
