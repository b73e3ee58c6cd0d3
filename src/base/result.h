// result.h: the error type of all OpenRAS library code, and Result<T>.
//
// Library code returns Result<T> (tl::expected<T, Error>) for anything that can fail in
// normal life. An Error carries a typed code (Errc) and a message for people: what was
// wrong, with the offending value, and what to do. Win32/RAS DWORD codes exist only at
// the C ABI, produced from Errc by win32_code() (error_map.cpp), the one mapping.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace openras {

// What went wrong, in the library's own terms. Each value maps to exactly one Win32/RAS
// code in error_map.cpp; add a value there when you add one here.
enum class Errc {
  kInvalidArgument,     // a caller passed something unusable (NULL, bad flag)
  kInvalidSize,         // a structure's dwSize matches no known version
  kBufferTooSmall,      // RAS convention: the needed size is reported back
  kInsufficientBuffer,  // Win32 convention (strings, RasGetErrorString)
  kMoreData,            // registry convention
  kNotFound,            // a file, key or value does not exist
  kNoMoreItems,         // enumeration past the end
  kAccessDenied,        // permission, ownership or trust check failed
  kAlreadyExists,
  kInvalidName,  // an entry, key or value name breaks the naming rules
  kInvalidHandle,
  kOutOfMemory,
  kNotSupported,
  kCancelled,  // the user cancelled
  kTimeout,
  kIo,                    // an I/O operation failed (errno in Error::sys_errno)
  kInvalidData,           // input that cannot be parsed (bad UTF-8, malformed text)
  kNoUnicodeTranslation,  // text that cannot be represented in the target encoding
  kRegistryCorrupt,       // a hive file is malformed
  kPhonebookCannotOpen,
  kPhonebookCorrupt,
  kPhonebookCannotWrite,
  kEntryNotFound,
  kCannotDoCustomDial,  // the entry's custom dialer cannot be used
  kDeviceDoesNotExist,
  kServiceUnavailable,     // rasmand cannot be reached
  kPortNotAvailable,       // the device is in use by another connection
  kProjectionNotComplete,  // the connection has no PPP projection (yet)
  kScriptSyntax,           // an entry's post-connect script cannot be parsed
  kUnknown,                // a failure with no better description (should be rare)
};

struct Error {
  Errc code = Errc::kUnknown;
  std::string message;
  int sys_errno = 0;  // the errno behind a kIo/kAccessDenied/kNotFound, when there is one

  // Returns the same error with "context: " put in front of its message.
  [[nodiscard]] Error with_context(std::string_view context) const;
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

// `return fail(Errc::kNotFound, "entry \"x\" ...");`
[[nodiscard]] inline tl::unexpected<Error> fail(Errc code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message), 0});
}
[[nodiscard]] inline tl::unexpected<Error> fail(Error error) {
  return tl::unexpected<Error>(std::move(error));
}

// An Error for a failed system call: the code follows errno (ENOENT → kNotFound,
// EACCES/EPERM → kAccessDenied, EEXIST → kAlreadyExists, ENOMEM → kOutOfMemory, …) and
// the message is "<what>: <strerror>".
[[nodiscard]] Error errno_error(int err, std::string_view what);
[[nodiscard]] inline tl::unexpected<Error> fail_errno(int err, std::string_view what) {
  return tl::unexpected<Error>(errno_error(err, what));
}

// The one mapping from the library's errors to the DWORD codes of the C ABI.
[[nodiscard]] unsigned win32_code(Errc code) noexcept;
[[nodiscard]] inline unsigned win32_code(const Error& error) noexcept {
  return win32_code(error.code);
}
// The Errc's name, for logs and tests ("kNotFound").
[[nodiscard]] std::string_view errc_name(Errc code) noexcept;

}  // namespace openras
