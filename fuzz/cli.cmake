# The tools' shared argument parser and error-code reader (tools/common/cli.h).
openras_fuzzer(cli_args SOURCES cli_args.cpp)
target_link_libraries(cli_args_replay PRIVATE openras_cli)
if(TARGET cli_args)
  target_link_libraries(cli_args PRIVATE openras_cli)
endif()
