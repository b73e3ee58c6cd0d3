// error_text.h: English messages for the RAS (600-875) and Win32 error codes OpenRAS returns.
#ifndef OPENRAS_SRC_RASAPI_ERROR_TEXT_H_
#define OPENRAS_SRC_RASAPI_ERROR_TEXT_H_

namespace openras::rasapi {

// Returns the message for `code`: one or two plain-English sentences, NUL-terminated UTF-8,
// for every code in raserror.h and winerror.h; nullptr for any other code. The text lives in
// static storage and is never freed. Allocates nothing; safe to call from any thread.
const char* error_text(unsigned code) noexcept;

}  // namespace openras::rasapi

#endif  // OPENRAS_SRC_RASAPI_ERROR_TEXT_H_
