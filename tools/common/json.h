// json.h: the one JSON writer of the OpenRAS tools (nlohmann-json, Debian's
// nlohmann-json3-dev). Objects keep the order their keys were added in, so a line reads
// as the tool wrote it; numbers are written without the locale; text is UTF-8 whatever
// the locale, and a byte that is not UTF-8 becomes U+FFFD instead of an exception.
//
// Handles are strings (handle()): they exceed 2^53, past which JSON readers such as jq
// round numbers, so a handle read back from a number would name another connection.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace openras::cli {

using Json = nlohmann::ordered_json;

// The object (or any value) as one line, without a newline.
[[nodiscard]] std::string json_text(const Json& value);
// Writes json_text(value) and a newline to stdout, and flushes it (a reader of a dial's
// progress sees each state as it happens, also through a pipe).
void print_json(const Json& value);
// A handle as JSON: its decimal value as a string.
[[nodiscard]] Json json_handle(uintptr_t handle);

}  // namespace openras::cli
