# Installs the SDK: headers under include/openras (pkg-config adds that directory, so
# <windows.h> and <ras.h> resolve there without touching the system's include path),
# libopenras, openras.pc and the CMake package OpenRAS (target OpenRAS::openras).
include(CMakePackageConfigHelpers)

install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/openras COMPONENT sdk
  FILES_MATCHING PATTERN "*.h" PATTERN "*.inc")

install(TARGETS openras EXPORT OpenRASTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT sdk)
install(EXPORT OpenRASTargets NAMESPACE OpenRAS::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/OpenRAS COMPONENT sdk)

configure_package_config_file(cmake/OpenRASConfig.cmake.in
  ${PROJECT_BINARY_DIR}/OpenRASConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/OpenRAS)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/OpenRASConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/OpenRASConfig.cmake
  ${PROJECT_BINARY_DIR}/OpenRASConfigVersion.cmake cmake/OpenRASResources.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/OpenRAS COMPONENT sdk)

# The .pc file locates the prefix from its own directory, so an SDK installed with
# `cmake --install build --prefix P` works wherever P is.
file(RELATIVE_PATH OPENRAS_PC_TO_PREFIX "/x/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/x")
configure_file(cmake/openras.pc.in ${PROJECT_BINARY_DIR}/openras.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/openras.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT sdk)

# Man pages by section (rasmand.8 is installed with rasmand); the specs and the README as
# the documentation under share/doc/openras.
install(DIRECTORY docs/man/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime
  FILES_MATCHING PATTERN "*.1")
install(DIRECTORY docs/man/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man5 COMPONENT runtime
  FILES_MATCHING PATTERN "*.5")
install(FILES README.md HACKING.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/openras COMPONENT runtime)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/openras COMPONENT runtime
  FILES_MATCHING PATTERN "*.md" PATTERN "man" EXCLUDE)
