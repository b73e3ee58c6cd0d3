// error_map.cpp: Errc → Win32/RAS DWORD, the single mapping used at the C ABI.
#include <cerrno>
#include <cstring>

#include "base/result.h"
#include "raserror.h"
#include "winerror.h"

namespace openras {

namespace {

struct Mapping {
  Errc code;
  unsigned win32;
  std::string_view name;
};

// Indexed by Errc; the static_assert below keeps it complete and in order.
constexpr Mapping kMappings[] = {
    {Errc::kInvalidArgument, ERROR_INVALID_PARAMETER, "kInvalidArgument"},
    {Errc::kInvalidSize, ERROR_INVALID_SIZE, "kInvalidSize"},
    {Errc::kBufferTooSmall, ERROR_BUFFER_TOO_SMALL, "kBufferTooSmall"},
    {Errc::kInsufficientBuffer, ERROR_INSUFFICIENT_BUFFER, "kInsufficientBuffer"},
    {Errc::kMoreData, ERROR_MORE_DATA, "kMoreData"},
    {Errc::kNotFound, ERROR_FILE_NOT_FOUND, "kNotFound"},
    {Errc::kNoMoreItems, ERROR_NO_MORE_ITEMS, "kNoMoreItems"},
    {Errc::kAccessDenied, ERROR_ACCESS_DENIED, "kAccessDenied"},
    {Errc::kAlreadyExists, ERROR_ALREADY_EXISTS, "kAlreadyExists"},
    {Errc::kInvalidName, ERROR_INVALID_NAME, "kInvalidName"},
    {Errc::kInvalidHandle, ERROR_INVALID_HANDLE, "kInvalidHandle"},
    {Errc::kOutOfMemory, ERROR_NOT_ENOUGH_MEMORY, "kOutOfMemory"},
    {Errc::kNotSupported, ERROR_NOT_SUPPORTED, "kNotSupported"},
    {Errc::kCancelled, ERROR_CANCELLED, "kCancelled"},
    {Errc::kTimeout, ERROR_REQUEST_TIMEOUT, "kTimeout"},
    {Errc::kIo, ERROR_OPEN_FAILED, "kIo"},
    {Errc::kInvalidData, ERROR_INVALID_DATA, "kInvalidData"},
    {Errc::kNoUnicodeTranslation, ERROR_NO_UNICODE_TRANSLATION, "kNoUnicodeTranslation"},
    {Errc::kRegistryCorrupt, ERROR_REGISTRY_CORRUPT, "kRegistryCorrupt"},
    {Errc::kPhonebookCannotOpen, ERROR_CANNOT_OPEN_PHONEBOOK, "kPhonebookCannotOpen"},
    {Errc::kPhonebookCorrupt, ERROR_CORRUPT_PHONEBOOK, "kPhonebookCorrupt"},
    {Errc::kPhonebookCannotWrite, ERROR_CANNOT_WRITE_PHONEBOOK, "kPhonebookCannotWrite"},
    {Errc::kEntryNotFound, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, "kEntryNotFound"},
    {Errc::kCannotDoCustomDial, ERROR_CANNOT_DO_CUSTOMDIAL, "kCannotDoCustomDial"},
    {Errc::kDeviceDoesNotExist, ERROR_DEVICE_DOES_NOT_EXIST, "kDeviceDoesNotExist"},
    {Errc::kServiceUnavailable, ERROR_RASMAN_CANNOT_INITIALIZE, "kServiceUnavailable"},
    {Errc::kPortNotAvailable, ERROR_PORT_NOT_AVAILABLE, "kPortNotAvailable"},
    {Errc::kProjectionNotComplete, ERROR_PROJECTION_NOT_COMPLETE, "kProjectionNotComplete"},
    {Errc::kScriptSyntax, ERROR_SCRIPT_SYNTAX, "kScriptSyntax"},
    {Errc::kUnknown, ERROR_UNKNOWN, "kUnknown"},
};

constexpr bool mappings_in_order() {
  for (size_t i = 0; i < std::size(kMappings); ++i) {
    if (static_cast<size_t>(kMappings[i].code) != i) return false;
  }
  return static_cast<size_t>(Errc::kUnknown) + 1 == std::size(kMappings);
}
static_assert(mappings_in_order(), "kMappings must list every Errc, in declaration order");

}  // namespace

unsigned win32_code(Errc code) noexcept {
  auto index = static_cast<size_t>(code);
  return index < std::size(kMappings) ? kMappings[index].win32 : ERROR_UNKNOWN;
}

std::string_view errc_name(Errc code) noexcept {
  auto index = static_cast<size_t>(code);
  return index < std::size(kMappings) ? kMappings[index].name : "kUnknown";
}

Error Error::with_context(std::string_view context) const {
  Error out = *this;
  out.message = std::string(context) + ": " + message;
  return out;
}

Error errno_error(int err, std::string_view what) {
  Errc code;
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      code = Errc::kNotFound;
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      code = Errc::kAccessDenied;
      break;
    case EEXIST:
      code = Errc::kAlreadyExists;
      break;
    case ENOMEM:
      code = Errc::kOutOfMemory;
      break;
    case EINVAL:
      code = Errc::kInvalidArgument;
      break;
    case ENAMETOOLONG:
      code = Errc::kInvalidName;
      break;
    case ETIMEDOUT:
      code = Errc::kTimeout;
      break;
    case ECONNREFUSED:
      code = Errc::kServiceUnavailable;
      break;
    default:
      code = Errc::kIo;
      break;
  }
  std::string message(what);
  message += ": ";
  message += std::strerror(err);
  return Error{code, std::move(message), err};
}

}  // namespace openras
