# The PAM module's argument parser and its reading of the all-users entries (src/logon).
# Both files are the PAM module's own, not openras_logon's; the entries are read with the
# phone book's section scanner.
openras_fuzzer(logon_pam_args SOURCES logon_pam_args.cpp
               ${PROJECT_SOURCE_DIR}/src/logon/pam_args.cpp
               ${PROJECT_SOURCE_DIR}/src/logon/entries.cpp LIBS openras_phonebook)
# A logon host's control messages, as rasmand reads them (src/rasman/logon_control.h).
openras_fuzzer(logon_control SOURCES logon_control.cpp LIBS rasman_daemon)
