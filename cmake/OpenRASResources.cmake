# openras_add_resources(TARGET FILE.rc [INCLUDE_DIRECTORIES DIR...] [DEFINITIONS NAME=VALUE...])
#
# Compiles FILE.rc with rasrc into C source and adds it to TARGET (a dialer's SHARED or
# MODULE library, or an executable), so DialogBoxParamW(hInst, MAKEINTRESOURCEW(id), ...)
# and LoadStringW find its dialogs and strings. TARGET must link OpenRAS::openras.
# "file" includes resolve from the .rc file's directory, then INCLUDE_DIRECTORIES; a
# change to any included file recompiles the resources. One .rc file per module.
function(openras_add_resources target rc)
  cmake_parse_arguments(R "" "" "INCLUDE_DIRECTORIES;DEFINITIONS" ${ARGN})
  if(OPENRAS_RASRC_TARGET)  # inside the OpenRAS build: the rasrc target (maybe defined later)
    set(rasrc $<TARGET_FILE:${OPENRAS_RASRC_TARGET}>)
    set(rasrc_dep ${OPENRAS_RASRC_TARGET})
  elseif(OPENRAS_RASRC_EXECUTABLE)
    set(rasrc ${OPENRAS_RASRC_EXECUTABLE})
    set(rasrc_dep ${OPENRAS_RASRC_EXECUTABLE})
  else()
    message(FATAL_ERROR "openras_add_resources: rasrc not found (find_package(OpenRAS) first)")
  endif()
  get_filename_component(rc_path "${rc}" ABSOLUTE)
  get_filename_component(rc_name "${rc}" NAME)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_${rc_name}.c")
  set(args "")
  foreach(dir IN LISTS R_INCLUDE_DIRECTORIES)
    get_filename_component(dir "${dir}" ABSOLUTE)
    list(APPEND args -I "${dir}")
  endforeach()
  foreach(def IN LISTS R_DEFINITIONS)
    list(APPEND args -D "${def}")
  endforeach()
  add_custom_command(OUTPUT "${out}"
    COMMAND ${rasrc} ${args} -o "${out}" --depfile "${out}.d" "${rc_path}"
    DEPENDS "${rc_path}" ${rasrc_dep}
    DEPFILE "${out}.d"
    COMMENT "rasrc ${rc_name}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
  # An executable's resources are found through its dynamic symbol table (hInstance NULL).
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "EXECUTABLE")
    target_link_options(${target} PRIVATE "LINKER:--export-dynamic-symbol=OpenRasResourceDirectory")
  endif()
endfunction()
