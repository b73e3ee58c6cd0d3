// common.cpp: rasphone's message helpers (rasphone.h).
#include <cstdio>

#include "cli.h"
#include "ras.h"
#include "rasphone.h"

namespace rasphone {

std::string error_text(DWORD code) {
  char text[512] = "";
  if (RasGetErrorStringA(code, text, sizeof text) != 0) text[0] = '\0';
  return "error " + std::to_string(code) + ": " + text;
}

int report(const std::string& what, DWORD code) {
  std::fprintf(stderr, "rasphone: %s: %s\n", what.c_str(), error_text(code).c_str());
  return openras::cli::exit_status(code);
}

}  // namespace rasphone
