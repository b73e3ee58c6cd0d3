# The tools' shared argument parser and error-code reader (tools/common/cli.h).
openras_fuzzer(cli_args SOURCES cli_args.cpp LIBS openras_cli)
